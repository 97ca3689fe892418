# Adds every address that SES reports as bounced to the suppression table so the shop stops emailing it.
import json
import os
import time

import boto3

table = boto3.resource("dynamodb").Table(os.environ["SUPPRESSION_TABLE"])


def handler(event, context):
    suppressed = 0
    for record in event["Records"]:
        notification = json.loads(record["Sns"]["Message"])
        if notification.get("notificationType") != "Bounce":
            continue
        for recipient in notification["bounce"]["bouncedRecipients"]:
            table.put_item(Item={"email": recipient["emailAddress"], "since": int(time.time())})
            suppressed += 1
    return {"suppressed": suppressed}
