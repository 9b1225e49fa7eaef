#!/bin/bash
# After-install of the tongban-kiosk deb. electron-builder fills in ${executable} and
# ${sanitizedProductName}. A custom after-install replaces electron-builder's default one
# (app-builder-lib templates/linux/after-install.tpl), so this script does everything that one
# does (binary link, desktop databases, AppArmor profile, chrome-sandbox mode; the packaging test
# checks that it names every path the default names), then puts the kiosk's system files in place.
set -u

if type update-alternatives >/dev/null 2>&1; then
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

PACKAGING='/opt/${sanitizedProductName}/resources/packaging'

# The unprivileged kiosk user the unit runs as (no password, no shell login). Created before the
# sandbox check below, which must run as this user.
if ! id tongban >/dev/null 2>&1; then
    useradd --system --create-home --home-dir /var/lib/tongban-home --shell /usr/sbin/nologin \
        --groups dialout,video,render,input,plugdev,audio tongban 2>/dev/null \
      || useradd --system --create-home --home-dir /var/lib/tongban-home --shell /usr/sbin/nologin tongban
fi
for group in dialout video render input plugdev audio; do
    getent group "$group" >/dev/null && usermod -a -G "$group" tongban || true
done

# The AppArmor profile that lets the kiosk binary create user namespaces (Ubuntu 24.04+). It
# needs AppArmor 4 (abi/4.0): where the parser rejects it (Debian 12, Ubuntu 22.04) there is no
# such restriction either, and nothing is installed. In a chroot (image building) the profile is
# installed but not loaded: AppArmor loads it at boot.
PROFILE_INSTALLED=no
if apparmor_status --enabled >/dev/null 2>&1 && hash apparmor_parser 2>/dev/null; then
    if apparmor_parser --skip-kernel-load --debug '/opt/${sanitizedProductName}/resources/apparmor-profile' >/dev/null 2>&1; then
        install -m 0644 '/opt/${sanitizedProductName}/resources/apparmor-profile' '/etc/apparmor.d/${executable}'
        PROFILE_INSTALLED=yes
        if ! { hash ischroot 2>/dev/null && ischroot; }; then
            apparmor_parser --replace --write-cache --skip-read-cache '/etc/apparmor.d/${executable}' || true
        fi
    else
        echo "tongban-kiosk: this AppArmor does not take the bundled profile (it needs AppArmor 4); none installed" >&2
    fi
fi

# Chromium sandboxes with user namespaces where the kiosk user may create them, and otherwise
# needs chrome-sandbox setuid root. The check runs as that user: root may always create them, so
# a check as root (what electron-builder's default does) passes on Ubuntu 24.04 too, and the
# shell then aborts at start as `tongban` (electron/electron#42510). The profile above grants
# them to the kiosk binary alone, which a test with `unshare` cannot see, so it counts as yes.
if [ "$PROFILE_INSTALLED" = yes ] || runuser -u tongban -- unshare --user true >/dev/null 2>&1; then
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

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
