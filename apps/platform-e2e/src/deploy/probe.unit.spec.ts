// The health probe of the services without HTTP reads the kernel's tables; these are real lines.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the probe ships in the images as a plain script; deploy/ is not an Nx project
import { establishedRemotePorts, isAlive, missingPorts, processState } from '../../../../deploy/healthcheck/proc-net.mjs';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:18EB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5216 1 000000002651f499 100 0 0 10 0
   1: 0200110A:A4C2 0300110A:107E 01 00000000:00000000 02:000AF0D5 00000000  1000        0 73311 2 00000000c5d1f2a3 20 4 30 10 -1
   2: 0200110A:B1F0 0400110A:1538 06 00000000:00000000 03:00001770 00000000     0        0 0 3 00000000a3b1c2d4`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0000000000000000FFFF00000200110A:C350 0000000000000000FFFF00000500110A:1538 01 00000000:00000000 02:00000A5B 00000000  1000        0 81234 2 00000000d1e2f3a4 20 4 30 10 -1`;

describe('the health probe of services without HTTP', () => {
  it('finds the remote ports of established connections only, IPv4 and IPv6', () => {
    expect(establishedRemotePorts(TCP)).toEqual([4222]);
    expect(establishedRemotePorts(TCP6)).toEqual([5432]);
  });

  it('reports the ports no connection reaches', () => {
    expect(missingPorts([TCP, TCP6], [4222, 5432])).toEqual([]);
    expect(missingPorts([TCP], [4222, 5432])).toEqual([5432]);
    expect(missingPorts([''], [4222])).toEqual([4222]);
  });

  it('reads the process state after the command name, whatever that holds', () => {
    expect(processState('1 (node) S 0 1 1 0 -1 4194560')).toBe('S');
    expect(processState('1 (my (odd) name) Z 0 1 1')).toBe('Z');
    expect(isAlive('R') && isAlive('S') && isAlive('D')).toBe(true);
    expect([isAlive('Z'), isAlive('T'), isAlive('X'), isAlive('')]).toEqual([false, false, false, false]);
  });
});
