#!/bin/bash
# After-remove of the tongban-kiosk deb. On upgrade dpkg runs this too ($1 = upgrade): only a
# real removal takes the system files away. The data folder /var/lib/tongban is never deleted
# here: it holds journal records central may not have acknowledged yet.
set -u

if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}' || true
else
    rm -f '/usr/bin/${executable}'
fi

case "${1:-remove}" in
    remove|purge)
        if [ -d /run/systemd/system ]; then
            systemctl disable --now tongban-kiosk.service || true
        fi
        rm -f /etc/systemd/system/tongban-kiosk.service /etc/udev/rules.d/99-tongban-devices.rules /etc/systemd/logind.conf.d/tongban.conf
        # The AppArmor profile deb-after-install.sh installed: unloaded first, so it is not left in
        # force until the next boot.
        if [ -f '/etc/apparmor.d/${executable}' ]; then
            if apparmor_status --enabled >/dev/null 2>&1 && hash apparmor_parser 2>/dev/null && ! { hash ischroot 2>/dev/null && ischroot; }; then
                apparmor_parser --remove '/etc/apparmor.d/${executable}' || true
            fi
            rm -f '/etc/apparmor.d/${executable}'
        fi
        if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
        ;;
esac
exit 0
