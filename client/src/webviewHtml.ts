// The one HTML shell every LoopLens webview uses: a strict CSP (`default-src 'none'`), a fresh
// nonce for the single script, styles and scripts only from `media/`. The page gets its data by
// postMessage, never inside this HTML.
import * as vscode from 'vscode';

function nonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')], retainContextWhenHidden: false };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: 'prediction' | 'contextTree'): string {
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.css'));
  const scriptNonce = nonce();
  const csp = `default-src 'none'; style-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${scriptNonce}';`;
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>LoopLens</title>
</head>
<body data-view="${view}">
<div id="toolbar"></div>
<div id="root"></div>
<script nonce="${scriptNonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
