// A minimal, honest `os`: constants are Linux's; everything that depends on the real machine
// (CPUs, memory, load, uptime, host name) marks the run as varying.
import type { NodeHost } from './host-contract';

export function createOs(host: NodeHost): Record<string, unknown> {
  const varying = <T>(what: string, value: T) => () => {
    host.markVarying(`os.${what}()`);
    return value;
  };
  const home = host.env.HOME ?? '/home/user';
  return {
    EOL: '\n',
    devNull: '/dev/null',
    platform: () => 'linux',
    type: () => 'Linux',
    arch: () => 'x64',
    machine: () => 'x86_64',
    endianness: () => 'LE',
    tmpdir: () => '/tmp',
    homedir: () => home,
    availableParallelism: varying('availableParallelism', 2),
    hostname: varying('hostname', 'localhost'),
    release: varying('release', '6.1.0'),
    version: varying('version', '#1 SMP'),
    uptime: varying('uptime', 1000),
    loadavg: varying('loadavg', [0, 0, 0]),
    totalmem: varying('totalmem', 8 * 1024 ** 3),
    freemem: varying('freemem', 4 * 1024 ** 3),
    cpus: varying('cpus', [
      { model: 'Virtual CPU', speed: 2000, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } },
      { model: 'Virtual CPU', speed: 2000, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } },
    ]),
    networkInterfaces: varying('networkInterfaces', {}),
    userInfo: () => ({ uid: 1000, gid: 1000, username: host.env.USER ?? 'user', homedir: home, shell: '/bin/bash' }),
    constants: { signals: { SIGINT: 2, SIGTERM: 15, SIGKILL: 9, SIGHUP: 1 }, errno: { ENOENT: 2, EACCES: 13, EEXIST: 17 } },
  };
}
