# Sends the order confirmation email for each OrderPlaced event from the email queue, then announces the receipt on SNS.
import json
import os

import boto3

from templates import render_order_placed

ses = boto3.client("ses")
sns = boto3.client("sns")

SENDER = os.getenv("SENDER_ADDRESS", "orders@example.com")


def handler(event, context):
    sent = 0
    for record in event["Records"]:
        # EventBridge delivers the whole event as the message body; the order is its detail.
        order = json.loads(record["body"])["detail"]
        subject, body = render_order_placed(order)
        ses.send_email(
            Source=SENDER,
            Destination={"ToAddresses": [order["email"]]},
            Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": body}}},
        )
        sns.publish(
            TopicArn=os.environ["TOPIC_ARN"],
            Subject="receipt",
            Message=json.dumps({"orderId": order["orderId"], "email": order["email"]}),
        )
        sent += 1
    return {"sent": sent}
