# Renders the plain-text emails the shop sends.


def render_order_placed(order):
    """Returns the subject and body of the confirmation email for a placed order."""
    lines = "\n".join(f"  {line['quantity']} x {line['sku']}" for line in order.get("lines", []))
    subject = f"Your order {order['orderId']} is confirmed"
    body = f"Thank you for your order.\n\n{lines}\n\nWe will email you again when it ships."
    return subject, body
