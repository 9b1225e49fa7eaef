#!/bin/bash
# After-install of the tongban-kiosk deb. electron-builder fills in ${executable} and
# ${sanitizedProductName}. The first part is electron-builder's own after-install (binary link,
# Chromium sandbox); the second puts the kiosk's system files in place.
set -u

if type update-alternatives >/dev/null 2>&1; then
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# Chromium's sandbox needs user namespaces, or a setuid helper where the kernel forbids them.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

PACKAGING='/opt/${sanitizedProductName}/resources/packaging'

# The unprivileged kiosk user the unit runs as (no password, no shell login).
if ! id tongban >/dev/null 2>&1; then
    useradd --system --create-home --home-dir /var/lib/tongban-home --shell /usr/sbin/nologin \
        --groups dialout,video,render,input,plugdev,audio tongban 2>/dev/null \
      || useradd --system --create-home --home-dir /var/lib/tongban-home --shell /usr/sbin/nologin tongban
fi
for group in dialout video render input plugdev audio; do
    getent group "$group" >/dev/null && usermod -a -G "$group" tongban || true
done

install -d -m 0755 /etc/tongban
[ -e /etc/tongban/kiosk.env ] || install -m 0644 "$PACKAGING/kiosk.env" /etc/tongban/kiosk.env
install -m 0644 "$PACKAGING/tongban-kiosk.service" /etc/systemd/system/tongban-kiosk.service
install -m 0644 "$PACKAGING/99-tongban-devices.rules" /etc/udev/rules.d/99-tongban-devices.rules
install -d -m 0755 /etc/systemd/logind.conf.d
install -m 0644 "$PACKAGING/logind-tongban.conf" /etc/systemd/logind.conf.d/tongban.conf

if hash udevadm 2>/dev/null; then
    udevadm control --reload-rules || true
    udevadm trigger || true
fi
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload || true
    # Enabled, not started: the engineer provisions kiosk-config.json first (docs/deploy.md).
    systemctl enable tongban-kiosk.service || true
    # On upgrade the running kiosk picks up the new version.
    if systemctl is-active --quiet tongban-kiosk.service; then systemctl restart tongban-kiosk.service || true; fi
fi
exit 0
