import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../sync/connectionStatus.js';
import { KioskLanguage } from './KioskLanguage.js';
import { useFullscreen } from './useFullscreen.js';
import { useLongOffline } from './useLongOffline.js';

/**
 * What a hall display shows besides the meeting: outside full screen, a
 * small bar with the language and a Full screen button (both gone once the
 * screen is full); and, only after the server has been away for a while, a
 * small unobtrusive note in a corner (the display reconnects by itself; a
 * blip shows nothing).
 */
export function KioskChrome({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  const fullscreen = useFullscreen();
  const offline = useLongOffline(status);
  return (
    <>
      {!fullscreen.active && (
        <div className="kiosk-bar" data-testid="kiosk-bar">
          <KioskLanguage />
          {fullscreen.supported && (
            <button type="button" className="kiosk-fullscreen" onClick={fullscreen.enter}>
              {t('kiosk.fullscreen')}
            </button>
          )}
        </div>
      )}
      <p className="kiosk-offline" role="status" data-testid="kiosk-offline" data-offline={offline}>
        {offline && (
          <>
            <span className="dot" aria-hidden="true" />
            {t('kiosk.offline')}
          </>
        )}
      </p>
    </>
  );
}
