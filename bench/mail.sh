#!/usr/bin/env bash
# (d) Mail landed per second. First, COUNT mails (a mix of UTF-8, GBK 8-bit, HTML with an inline
# image, and a 16 KB attachment, from 500 customers) waiting in a real IMAP server — Dovecot,
# started by the bench on 127.0.0.1:10143 (installed with apt-get when missing) — read and landed
# on tickets by Kefu; against the bare IMAP read of the same mail by a plain Jakarta Mail client, in
# the same run. Then the same mail read again as after a crash (all known, nothing landed twice).
# Then PIPED mails handed to Kefu over HTTP by CLIENTS clients, as a mail server's pipe would,
# against opening as many tickets with the same text through the REST API. Starts its own Kefu.
#   COUNT=2000 PIPED=2000 CLIENTS=8 bench/mail.sh
source "$(dirname "$0")/common.sh"
if ! [ -x /usr/sbin/dovecot ]; then
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd
fi
build
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/bench-mail.classpath \
  -Dmdep.includeArtifactIds=postgresql,jakarta.mail-api,angus-mail,angus-activation,jakarta.activation-api >/dev/null

IMAP_PORT="${IMAP_PORT:-10143}"
# Dovecot's login process must not run as root: as root use the users the package made
# (nor may the mail processes): as root use the users the package made
if [ "$(id -u)" -eq 0 ]; then LOGIN_USER=dovenull; INTERNAL_USER=dovecot; INTERNAL_GROUP=dovecot
else LOGIN_USER="$(id -un)"; INTERNAL_USER="$(id -un)"; INTERNAL_GROUP="$(id -gn)"; fi
MAIL_UID="$(id -u "$INTERNAL_USER")"; MAIL_GID="$(id -g "$INTERNAL_USER")"
chmod 755 "$DATA" # the dovecot users read their configuration under it
DOVE="$DATA/dovecot"
mkdir -p "$DOVE/run" "$DOVE/state" "$DOVE/mail/service@bench.test/"{new,cur,tmp}
chown -R "$MAIL_UID:$MAIL_GID" "$DOVE/mail"
echo 'service@bench.test:{PLAIN}bench-mail' > "$DOVE/users"
cat > "$DOVE/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $DOVE/run
state_dir = $DOVE/state
instance_name = kefu-bench-$IMAP_PORT
log_path = $DOVE/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:$DOVE/mail/%u
mail_uid = $MAIL_UID
mail_gid = $MAIL_GID
first_valid_uid = 1
default_login_user = $LOGIN_USER
default_internal_user = $INTERNAL_USER
default_internal_group = $INTERNAL_GROUP
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DOVE/users
}
userdb {
  driver = static
  args = uid=$MAIL_UID gid=$MAIL_GID home=$DOVE/mail/%u
}
CONF
/usr/sbin/dovecot -c "$DOVE/dovecot.conf"
stop_all() { [ -f "$DOVE/run/master.pid" ] && kill "$(cat "$DOVE/run/master.pid")" 2>/dev/null || true; stop_kefu; }
trap stop_all EXIT

start_kefu
machine
echo "IMAP server: $(/usr/sbin/dovecot --version | head -1) on 127.0.0.1:$IMAP_PORT"
java -cp "$(cat target/bench-mail.classpath)" bench/MailBench.java --url "$URL" --db "$DB" --user admin \
  --password bench-password --imap-port "$IMAP_PORT" --maildir "$DOVE/mail/service@bench.test" \
  --count "${COUNT:-2000}" --piped "${PIPED:-2000}" --clients "${CLIENTS:-8}"
