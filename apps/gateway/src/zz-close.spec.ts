import { startTestGateway } from './testing/test-gateway';
import { LiveEventHub } from './live-events/live-event-hub';
it('close timing', async () => {
  const gw = await startTestGateway('gwclose');
  await new Promise((r) => setTimeout(r, 500));
  const hub = gw.app.get(LiveEventHub);
  const t = Date.now();
  await hub.onApplicationShutdown();
  console.log('hub ms', Date.now() - t);
  await gw.app.close();
  await gw.events.dispose();
}, 20000);
