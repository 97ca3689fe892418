// Publishes shop domain events (OrderPlaced, OrderCancelled, ...) on the shop's custom EventBridge bus.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

const eventBridge = new EventBridgeClient({});

/**
 * Puts one event with source `shop.orders` and the given detail type on the bus named by EVENT_BUS_NAME.
 * Throws when EventBridge rejects the entry so the caller's invocation fails and is retried.
 */
export async function publish(detailType: string, detail: Record<string, unknown>): Promise<void> {
  const result = await eventBridge.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: process.env.EVENT_BUS_NAME,
          Source: 'shop.orders',
          DetailType: detailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  if (result.FailedEntryCount) {
    throw new Error(`EventBridge rejected ${detailType}: ${result.Entries?.[0]?.ErrorMessage}`);
  }
}
