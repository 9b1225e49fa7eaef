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
        if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
        ;;
esac
exit 0
