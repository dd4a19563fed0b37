import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { names as namesFor } from '@jetjobs/contracts';
import { NatsCluster, eventually, testNamespace, testNatsUrl } from '@jetjobs/testing';
import { ensureStreams, namespaceStreams } from './stream-setup';

describe('stream replicas (JETJOBS_STREAM_REPLICAS)', () => {
  describe('on a 3-node JetStream cluster', () => {
    let cluster: NatsCluster;
    let nc: NatsConnection;
    let jsm: JetStreamManager;
    beforeAll(async () => {
      cluster = await NatsCluster.start(3);
      nc = await connect({ servers: cluster.url.split(',') });
      jsm = await jetstreamManager(nc);
    }, 60_000);
    afterAll(async () => {
      await nc?.close();
      await cluster?.stop();
    });

    it('creates every stream, bucket and object store with 3 replicas', async () => {
      const names = namesFor(testNamespace('r3'));
      await ensureStreams(nc, jsm, names, { replicas: 3 });
      for (const stream of namespaceStreams(names)) {
        const info = await jsm.streams.info(stream);
        expect({ stream, replicas: info.config.num_replicas }).toEqual({ stream, replicas: 3 });
      }
      // Reads of the buckets go to the leader, which has every acknowledged write.
      for (const stream of [`KV_${names.idempotencyBucket}`, `KV_${names.asyncAliasBucket}`]) {
        expect({ stream, direct: (await jsm.streams.info(stream)).config.allow_direct }).toEqual({ stream, direct: false });
      }
    }, 60_000);

    it('scales a namespace set up with one replica to three in place, keeping its messages', async () => {
      const names = namesFor(testNamespace('r1to3'));
      await ensureStreams(nc, jsm, names, { replicas: 1 });
      await nc.request(names.jobSubject('echo', 'job-1'), '{}');
      await ensureStreams(nc, jsm, names, { replicas: 3 });
      for (const stream of namespaceStreams(names)) {
        expect({ stream, replicas: (await jsm.streams.info(stream)).config.num_replicas }).toEqual({ stream, replicas: 3 });
      }
      // The new copies catch up: the stream reports two current followers and still has the event.
      const jobs = await eventually(async () => {
        const info = await jsm.streams.info(names.jobsStream);
        return info.cluster?.replicas?.filter((peer) => peer.current).length === 2 ? info : undefined;
      }, 30_000);
      expect(jobs.state.messages).toBe(1);
    }, 60_000);
  });

  it('says which setting to change when the server cannot hold that many replicas', async () => {
    const nc = await connect({ servers: testNatsUrl() });
    try {
      const jsm = await jetstreamManager(nc);
      await expect(ensureStreams(nc, jsm, namesFor(testNamespace('r3single')), { replicas: 3 })).rejects.toThrow(
        /JETJOBS_STREAM_REPLICAS=3 needs a JetStream cluster of at least 3 servers/,
      );
    } finally {
      await nc.close();
    }
  });
});
