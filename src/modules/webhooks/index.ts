/** The webhooks module's public surface: other modules, the graph assembly and the app import only this file. */
export { deliverWebhooksJob, kickDeliveries } from './deliver-webhooks.job.js';
export type { SendJob } from './deliver-webhooks.job.js';
export { openSecret, resealPlainSecrets, sealSecret } from './webhook-sender.js';
export { WebhookService, decodeOwn, ownId } from './webhooks.service.js';
