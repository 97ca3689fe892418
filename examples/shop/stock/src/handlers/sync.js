// Nightly job (CommonJS) that copies the supplier's stock levels into the stock table in batches of 25.
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, BatchWriteCommand } = require('@aws-sdk/lib-dynamodb');

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

exports.handler = async () => {
  const response = await fetch(`${process.env.SUPPLIER_API_URL}/stock`);
  const levels = await response.json();
  for (let start = 0; start < levels.length; start += 25) {
    const requests = levels
      .slice(start, start + 25)
      .map((level) => ({ PutRequest: { Item: { sku: level.sku, available: level.available } } }));
    await db.send(new BatchWriteCommand({ RequestItems: { [process.env.STOCK_TABLE]: requests } }));
  }
  return { synced: levels.length };
};
