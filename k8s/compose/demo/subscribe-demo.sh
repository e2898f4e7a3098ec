#!/bin/sh
# Subscribes the demo address to the notifier and confirms it the way a person would: waits for
# the confirmation email in Mailpit and presses the link's Confirm button (a POST to the link).
# Run once by docker compose before ingestion starts, so the demo feed's alerts reach the inbox.
# Settings (environment): NOTIFIER_URL, MAILPIT_URL, PUBLIC_BASE_URL (the base of the emailed
# links, which is rewritten to NOTIFIER_URL inside the compose network), POLICYPULSE_API_KEY,
# DEMO_EMAIL, DEMO_JURISDICTIONS (a JSON array) and WAIT_SECONDS.
set -eu

: "${NOTIFIER_URL:?}" "${MAILPIT_URL:?}" "${PUBLIC_BASE_URL:?}" "${POLICYPULSE_API_KEY:?}"
: "${DEMO_EMAIL:?}" "${DEMO_JURISDICTIONS:?}"
WAIT_SECONDS="${WAIT_SECONDS:-120}"

request=$(printf '{"email":"%s","delivery":"immediate","jurisdictions":%s,"topics":[]}' \
	"$DEMO_EMAIL" "$DEMO_JURISDICTIONS")
response=$(curl -sS --fail-with-body -X POST "$NOTIFIER_URL/api/v1/subscriptions" \
	-H 'Content-Type: application/json' -H "X-Api-Key: $POLICYPULSE_API_KEY" -d "$request")
status=$(printf '%s' "$response" | sed -n 's/.*"status": *"\([a-z]*\)".*/\1/p')
if [ "$status" = "confirmed" ]; then
	echo "$DEMO_EMAIL is already subscribed and confirmed"
	exit 0
fi
echo "Subscribed $DEMO_EMAIL ($status); waiting for the confirmation email"

deadline=$(($(date +%s) + WAIT_SECONDS))
while [ "$(date +%s)" -lt "$deadline" ]; do
	# newest first: a subscription that was asked for again has its newest link on top
	ids=$(curl -sS --fail -G "$MAILPIT_URL/api/v1/search" --data-urlencode "query=to:$DEMO_EMAIL" \
		| grep -o '"ID": *"[^"]*"' | sed 's/"ID": *"\(.*\)"/\1/' || true)
	for id in $ids; do
		links=$(curl -sS --fail "$MAILPIT_URL/api/v1/message/$id" \
			| grep -oE 'https?://[^"\\ <>]+/api/v1/subscriptions/confirm\?token=[A-Za-z0-9_.%=-]+' || true)
		for link in $links; do
			internal="$NOTIFIER_URL${link#"$PUBLIC_BASE_URL"}"
			code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST --data '' "$internal" || true)
			if [ "$code" = "200" ]; then
				echo "Confirmed $DEMO_EMAIL; alerts for the demo feed arrive in Mailpit"
				exit 0
			fi
		done
	done
	sleep 2
done
echo "No confirmation email reached $DEMO_EMAIL within $WAIT_SECONDS s" >&2
exit 1
