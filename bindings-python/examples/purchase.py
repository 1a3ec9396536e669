"""Buy a number through Zernio with the default transport (urllib: no extra install).

Run: ``ZERNIO_API_KEY=... python bindings-python/examples/purchase.py PROFILE_ID [COUNTRY]``.
``ZERNIO_BASE_URL`` points the client elsewhere (a sandbox, or a test server).
"""

from __future__ import annotations

import os
import sys
import uuid

import wanumbers as w


def main(argv: list[str]) -> int:
    if not argv or not os.environ.get("ZERNIO_API_KEY"):
        print("usage: ZERNIO_API_KEY=... purchase.py PROFILE_ID [COUNTRY]", file=sys.stderr)
        return 2
    profile_id, country = argv[0], (argv[1] if len(argv) > 1 else "US")
    client = w.Client(os.environ["ZERNIO_API_KEY"], base_url=os.environ.get("ZERNIO_BASE_URL", w.DEFAULT_BASE_URL))
    try:
        # Arguments are checked before anything is sent: a bad country never reaches the API.
        # The intent id makes a retry safe: Zernio answers a repeat with the first purchase.
        result = client.purchase(profile_id=profile_id, country=country, purchase_intent_id=str(uuid.uuid4()))
    except w.ApiError as err:
        # `.code` is stable (e.g. "rate_limited"); `.retryable` says whether to try again later.
        print(f"purchase failed: {err.code} (HTTP {err.status}, retryable={err.retryable}): {err}", file=sys.stderr)
        return 1
    except w.TransportError as err:
        print(f"no answer from Zernio: {err}; retry with the same purchase_intent_id", file=sys.stderr)
        return 1
    except w.WanumbersError as err:
        print(f"purchase not sent: {err.code}: {err}", file=sys.stderr)
        return 1
    # The upstream answer is an untagged union; the core tags it with `outcome`, and each
    # outcome is its own class (the attributes are snake_case; `.to_dict()` gives the JSON).
    if isinstance(result, w.models.PurchaseOutcomeKycRequired):
        print(f"{result.country} needs KYC first: send the customer to {result.kyc_url}")
    elif isinstance(result, w.models.PurchaseOutcomeCheckout):
        print(f"first number: complete the payment at {result.checkout_url}")
    elif isinstance(result, w.models.PurchaseOutcomeProvisioned):
        number = result.phone_number
        print(f"bought {number.phone_number} (status {number.status})")
    else:  # already_purchased: the same purchaseIntentId was used before
        print(f"already bought: {result.phone_number}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
