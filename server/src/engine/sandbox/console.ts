// The `console` object inside the sandbox, in two flavours.
//
// Node flavour: every method formats its arguments with `formatWithOptions` (Node's `util.format`)
// and writes whole lines to stdout (log, info, debug, dir, table, count, time*) or stderr (warn,
// error, trace, assert), indented by the current `console.group` depth, as Node's Console class does.
//
// Browser flavour: one console message per call, whose text is what Chromium reports for it (the
// `ConsoleMessage.text()` of playwright-core: the arguments' previews joined by spaces, no format
// specifier substitution; `groupEnd`, `clear` and argument-less `group`/`trace`/`assert` report the
// method's name). Messages Chromium logs at error or warning level (`error`, `warn`, failed
// `assert`, timer and counter warnings) go to 'stderr', all others to 'stdout'; the engine decides
// how to present the two. Group indentation is not part of a message's text, so it is not applied.

import {
  browserFormat, formatWithOptions, formatWithOptionsNode10, inspect, inspectNode10, getStringWidth, type InspectOptions,
} from './inspect';

export interface ConsoleOptions {
  flavor: 'node' | 'browser';
  /** Receives whole lines; every call ends with a newline. */
  write(stream: 'stdout' | 'stderr', text: string): void;
  /** Virtual milliseconds, for console.time. */
  now(): number;
  /**
   * The call stack at the console call, as V8 prints frames: zero or more lines `    at f (file:1:2)`
   * joined by `\n` (without the `Error` header line). Used by console.trace.
   */
  stack(): string;
  /** Node's `process.emitWarning`; when absent, warnings are written to stderr as `(node:1) Warning: text`. */
  emitWarning?(message: string): void;
  /**
   * Node flavour only: print as Node 10.24 did (the node-legacy model): its util.inspect/format,
   * centred console.table cells, console.time as `label: 1.234ms`.
   */
  legacy?: boolean;
}

const kGroupIndentationWidth = 2;

// Node's console.table column headers.
const indexKey = '(index)';
const iterKey = '(iteration index)';
const keyKey = 'Key';
const valuesKey = 'Values';

const tableChars = {
  middleMiddle: '─', rowMiddle: '┼', topRight: '┐', topLeft: '┌', leftMiddle: '├', topMiddle: '┬',
  bottomRight: '┘', bottomLeft: '└', bottomMiddle: '┴', rightMiddle: '┤', left: '│ ', right: ' │', middle: ' │ ',
};

function renderRow(row: string[], columnWidths: number[], centred: boolean): string {
  let out = tableChars.left;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    if (centred) {
      // Node 10 centred each cell; `repeat` truncates the fraction, so the odd space goes right.
      const needed = (columnWidths[i] - getStringWidth(cell)) / 2;
      out += ' '.repeat(needed) + cell + ' '.repeat(Math.ceil(needed));
    } else {
      // Node 20 left-aligns every cell and pads it to the column's width.
      out += cell + ' '.repeat(columnWidths[i] - getStringWidth(cell));
    }
    if (i !== row.length - 1) out += tableChars.middle;
  }
  return out + tableChars.right;
}

/** Node's `internal/cli_table`: a box-drawing table of already formatted cells. */
export function renderTable(head: string[], columns: string[][], centred = false): string {
  const rows: string[][] = [];
  const columnWidths = head.map((title) => getStringWidth(title));
  const longestColumn = Math.max(...columns.map((column) => column.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longestColumn; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '';
      columnWidths[i] = Math.max(columnWidths[i] || 0, getStringWidth(value));
    }
  }
  const divider = columnWidths.map((width) => tableChars.middleMiddle.repeat(width + 2));
  let result = `${tableChars.topLeft}${divider.join(tableChars.topMiddle)}${tableChars.topRight}\n` +
    `${renderRow(head, columnWidths, centred)}\n` +
    `${tableChars.leftMiddle}${divider.join(tableChars.rowMiddle)}${tableChars.rightMiddle}\n`;
  for (const row of rows) result += `${renderRow(row, columnWidths, centred)}\n`;
  result += `${tableChars.bottomLeft}${divider.join(tableChars.bottomMiddle)}${tableChars.bottomRight}`;
  return result;
}

const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;

function pad(value: number | string): string {
  return `${value}`.padStart(2, '0');
}

/** Node's console.time duration text: `1.234ms`, `1.500s`, `1:02.000 (m:ss.mmm)`. */
export function formatTime(ms: number): string {
  let hours = 0;
  let minutes = 0;
  let seconds: number | string = 0;
  if (ms >= kSecond) {
    if (ms >= kMinute) {
      if (ms >= kHour) {
        hours = Math.floor(ms / kHour);
        ms = ms % kHour;
      }
      minutes = Math.floor(ms / kMinute);
      ms = ms % kMinute;
    }
    seconds = ms / kSecond;
  }
  if (hours !== 0 || minutes !== 0) {
    const [wholeSeconds, milliseconds] = (seconds as number).toFixed(3).split('.');
    const result = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${result}:${pad(wholeSeconds)}.${milliseconds} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${(seconds as number).toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

function isMap(value: unknown): value is Map<unknown, unknown> {
  try {
    Map.prototype.has.call(value, undefined);
    return true;
  } catch {
    return false;
  }
}

function isSet(value: unknown): value is Set<unknown> {
  try {
    Set.prototype.has.call(value, undefined);
    return true;
  } catch {
    return false;
  }
}

type ConsoleMethod = (...args: any[]) => void;

/** Builds the console object; the methods do not depend on `this`, so they may be detached. */
export function createConsole(options: ConsoleOptions): Record<string, ConsoleMethod> {
  return options.flavor === 'browser' ? createBrowserConsole(options) : createNodeConsole(options);
}

function createNodeConsole(options: ConsoleOptions): Record<string, ConsoleMethod> {
  let groupIndent = '';
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const inspectOptions: InspectOptions = {};
  const legacy = options.legacy === true;
  const formatArgs = legacy ? formatWithOptionsNode10 : formatWithOptions;
  const inspectValue = legacy ? inspectNode10 : inspect;

  const emitWarning = (message: string): void => {
    if (options.emitWarning) options.emitWarning(message);
    else options.write('stderr', `(node:1) Warning: ${message}\n`);
  };

  const writeLine = (stream: 'stdout' | 'stderr', text: string): void => {
    if (groupIndent.length !== 0) {
      if (text.includes('\n')) text = text.replace(/\n/g, `\n${groupIndent}`);
      text = groupIndent + text;
    }
    options.write(stream, `${text}\n`);
  };

  const log: ConsoleMethod = (...args) => writeLine('stdout', formatArgs(inspectOptions, ...args));
  const warn: ConsoleMethod = (...args) => writeLine('stderr', formatArgs(inspectOptions, ...args));

  const timeLog = (name: string, label: string, data?: unknown[]): boolean => {
    const start = timers.get(label);
    if (start === undefined) {
      emitWarning(`No such label '${label}' for console.${name}()`);
      return false;
    }
    const elapsed = options.now() - start;
    // Node 10 always printed milliseconds with three decimals.
    const formatted = legacy ? `${elapsed.toFixed(3)}ms` : formatTime(elapsed);
    if (data === undefined) log('%s: %s', label, formatted);
    else log('%s: %s', label, formatted, ...data);
    return true;
  };

  const inspectCell = (value: unknown): string => {
    const depth = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 2 ? -1 : 0;
    return inspectValue(value, { depth, maxArrayLength: 3, breakLength: Infinity, ...inspectOptions });
  };
  const indexArray = (length: number): string[] => Array.from({ length }, (_, i) => inspectCell(i));

  const table: ConsoleMethod = (tabularData: unknown, properties?: unknown) => {
    if (properties !== undefined && !Array.isArray(properties)) {
      throw new TypeError(`The "properties" argument must be an instance of Array. Received ${inspectValue(properties)}`);
    }
    if (tabularData === null || typeof tabularData !== 'object') {
      log(tabularData);
      return;
    }
    const final = (head: string[], columns: string[][]): void => log(renderTable(head, columns, legacy));
    if (isMap(tabularData)) {
      const keys: string[] = [];
      const values: string[] = [];
      for (const [key, value] of tabularData) {
        keys.push(inspectCell(key));
        values.push(inspectCell(value));
      }
      final([iterKey, keyKey, valuesKey], [indexArray(keys.length), keys, values]);
      return;
    }
    if (isSet(tabularData)) {
      const values: string[] = [];
      for (const value of tabularData) values.push(inspectCell(value));
      final([iterKey, valuesKey], [indexArray(values.length), values]);
      return;
    }
    const map: Record<string, string[]> = Object.create(null);
    let hasPrimitives = false;
    const valuesKeyArray: string[] = [];
    const indexKeyArray = Object.keys(tabularData);
    const data = tabularData as Record<string, unknown>;
    for (let i = 0; i < indexKeyArray.length; i++) {
      const item = data[indexKeyArray[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesKeyArray[i] = inspectCell(item);
      } else {
        const keys = (properties as string[] | undefined) || Object.keys(item as object);
        for (const key of keys) {
          map[key] ??= [];
          if ((primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key)) map[key][i] = '';
          else map[key][i] = inspectCell((item as Record<string, unknown>)[key]);
        }
      }
    }
    const keys = Object.keys(map);
    const values = Object.values(map);
    if (hasPrimitives) {
      keys.push(valuesKey);
      values.push(valuesKeyArray);
    }
    keys.unshift(indexKey);
    values.unshift(indexKeyArray);
    final(keys, values);
  };

  const group: ConsoleMethod = (...data) => {
    if (data.length > 0) log(...data);
    groupIndent += ' '.repeat(kGroupIndentationWidth);
  };

  return {
    log,
    info: log,
    debug: log,
    warn,
    error: warn,
    dir: (object: unknown, dirOptions?: InspectOptions) => {
      writeLine('stdout', inspectValue(object, { customInspect: false, ...inspectOptions, ...dirOptions }));
    },
    dirxml: log,
    trace: (...args: unknown[]) => {
      const message = formatArgs(inspectOptions, ...args);
      const frames = options.stack();
      const header = message === '' ? 'Trace' : `Trace: ${message}`;
      warn(frames === '' ? header : `${header}\n${frames}`);
    },
    assert: (expression: unknown, ...args: unknown[]) => {
      if (!expression) {
        args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
        warn(...args);
      }
    },
    table,
    group,
    groupCollapsed: group,
    groupEnd: () => {
      groupIndent = groupIndent.slice(0, groupIndent.length - kGroupIndentationWidth);
    },
    count: (label: unknown = 'default') => {
      const key = `${label}`;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      log(`${key}: ${count}`);
    },
    countReset: (label: unknown = 'default') => {
      const key = `${label}`;
      if (!counts.has(key)) {
        emitWarning(`Count for '${key}' does not exist`);
        return;
      }
      counts.delete(key);
    },
    time: (label: unknown = 'default') => {
      const key = `${label}`;
      if (timers.has(key)) {
        emitWarning(`Label '${key}' already exists for console.time()`);
        return;
      }
      timers.set(key, options.now());
    },
    timeLog: (label: unknown = 'default', ...data: unknown[]) => {
      timeLog('timeLog', `${label}`, data);
    },
    timeEnd: (label: unknown = 'default') => {
      const key = `${label}`;
      if (timeLog('timeEnd', key)) timers.delete(key);
    },
    clear: () => { /* A terminal clear writes nothing that a reader of the output would see. */ },
    ...silentMethods(),
    // console.createTask arrived after Node 10.
    ...(legacy ? {} : { createTask: createTask as ConsoleMethod }),
  };
}

// Methods that exist in both runtimes but print nothing (they feed profilers and timelines).
function silentMethods(): Record<string, ConsoleMethod> {
  return { profile: () => {}, profileEnd: () => {}, timeStamp: () => {} };
}

// `console.createTask(name).run(f)` runs f (the task only links async stack traces in DevTools).
function createTask(): { run<T>(callback: () => T): T } {
  return { run: (callback) => callback() };
}

function createBrowserConsole(options: ConsoleOptions): Record<string, ConsoleMethod> {
  const counts = new Map<string, number>();
  const timers = new Map<string, number>();
  const message = (stream: 'stdout' | 'stderr', args: unknown[], substitute = true): void => {
    options.write(stream, `${browserFormat(args, { substitute })}\n`);
  };
  // V8 does not apply format specifiers for these methods; every argument is still shown.
  const unformatted: ConsoleMethod = (...args) => {
    if (args.length !== 0) message('stdout', args, false);
  };
  // A call without arguments reports nothing at all (measured), except for the methods below
  // that report their own name instead.
  const log: ConsoleMethod = (...args) => {
    if (args.length !== 0) message('stdout', args);
  };
  const warn: ConsoleMethod = (...args) => {
    if (args.length !== 0) message('stderr', args);
  };
  // A call without arguments is reported with the method's name as its text (measured).
  const named = (stream: 'stdout' | 'stderr', name: string, args: unknown[]): void =>
    message(stream, args.length === 0 ? [name] : args);
  // Chromium reports console.time durations in milliseconds with a space: `label: 1.5 ms`.
  const timeText = (label: string, start: number): string => `${label}: ${options.now() - start} ms`;
  return {
    log,
    info: log,
    debug: log,
    dir: unformatted,
    dirxml: unformatted,
    // Chromium shows an object as a table and leaves the column list (and anything after it) out
    // of the message text; a primitive is an ordinary message of every argument (both measured).
    table: (...args: unknown[]) => {
      if (args.length === 0) return;
      message('stdout', typeof args[0] === 'object' && args[0] !== null ? [args[0]] : args, false);
    },
    warn,
    error: warn,
    trace: (...args: unknown[]) => named('stdout', 'console.trace', args),
    assert: (expression: unknown, ...args: unknown[]) => {
      if (!expression) named('stderr', 'console.assert', args);
    },
    group: (...args: unknown[]) => named('stdout', 'console.group', args),
    groupCollapsed: (...args: unknown[]) => named('stdout', 'console.groupCollapsed', args),
    groupEnd: () => log('console.groupEnd'),
    count: (label: unknown = 'default') => {
      const key = `${label}`;
      const count = (counts.get(key) ?? 0) + 1;
      counts.set(key, count);
      log(`${key}: ${count}`);
    },
    countReset: (label: unknown = 'default') => {
      const key = `${label}`;
      if (counts.has(key)) counts.delete(key);
      else warn(`Count for '${key}' does not exist`);
    },
    time: (label: unknown = 'default') => {
      const key = `${label}`;
      if (timers.has(key)) warn(`Timer '${key}' already exists`);
      else timers.set(key, options.now());
    },
    timeLog: (label: unknown = 'default', ...data: unknown[]) => {
      const key = `${label}`;
      const start = timers.get(key);
      if (start === undefined) warn(`Timer '${key}' does not exist`);
      else log(timeText(key, start), ...data);
    },
    timeEnd: (label: unknown = 'default') => {
      const key = `${label}`;
      const start = timers.get(key);
      if (start === undefined) {
        warn(`Timer '${key}' does not exist`);
        return;
      }
      timers.delete(key);
      log(timeText(key, start));
    },
    clear: () => log('console.clear'),
    ...silentMethods(),
    createTask: createTask as ConsoleMethod,
  };
}
