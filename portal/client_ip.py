"""The client's IP address for the login lockout (django-axes) and the rate limits of the
public request form (django-ratelimit), also behind a reverse proxy.

Behind a proxy every request comes from the proxy's address, so one visitor's failures
would lock or throttle everybody. CLIENT_IP_HEADER names the header in which the proxy
puts the client's address (docker-compose.yml: nginx's `X-Real-IP`); set it only when
the application server is reachable through that proxy alone, or a client could send the
header itself. Without it the address is the connection's (REMOTE_ADDR).
"""

from django.conf import settings


def client_ip(request) -> str:
    header = settings.CLIENT_IP_HEADER
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        # A list (X-Forwarded-For): the right-most address is the one our proxy added.
        address = value.split(",")[-1].strip()
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "")
