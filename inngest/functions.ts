import { deliverWebhook } from "./deliver-webhook";
import { fanOutEvent } from "./fan-out-event";
import { pruneOldDeliveries } from "./prune-deliveries";
import { sweepOutbox } from "./sweep-outbox";

/** Every function the app serves at /api/inngest. */
export const functions = [fanOutEvent, deliverWebhook, sweepOutbox, pruneOldDeliveries];
