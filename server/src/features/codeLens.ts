// The code lenses at the top of a JS/TS file: "Predict Output" (opens the view) and the models in
// use (opens the model picker). The command ids are the client's; see `protocol.ts`.
import * as l10n from '@vscode/l10n';
import type { CodeLens } from 'vscode-languageserver';
import type { ModelName } from '../engine/types';
import { Commands } from '../protocol';

export function buildCodeLenses(uri: string, models: readonly ModelName[]): CodeLens[] {
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [
    { range: top, command: { title: l10n.t('$(play) Predict Output'), command: Commands.predictOutput, arguments: [uri] } },
    { range: top, command: { title: l10n.t('Models: {0}', models.join(', ')), command: Commands.chooseModels, arguments: [uri] } },
  ];
}
