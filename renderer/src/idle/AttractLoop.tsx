import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from '../translation';
import type { KioskView, ServiceId } from '../../../main/api/contract';
import type { LocalizedText } from '../../../main/api/idle-contract';

type Slide = { readonly kind: 'service'; readonly id: ServiceId } | { readonly kind: 'hours' | 'notice'; readonly text: LocalizedText };

/** What the loop shows, in order: each service offered now, the counter's hours, each notice. */
export function attractSlides(kiosk: KioskView): Slide[] {
  return [
    ...kiosk.services.filter((s) => s.available).map((s): Slide => ({ kind: 'service', id: s.id })),
    ...(kiosk.counterHours ? [{ kind: 'hours', text: kiosk.counterHours } as const] : []),
    ...(kiosk.notices ?? []).map((text): Slide => ({ kind: 'notice', text })),
  ];
}

export interface AttractLoopProps {
  readonly kiosk: KioskView;
  readonly slideMs: number;
  /** A touch anywhere: back to the services. */
  readonly onWake: () => void;
}

/**
 * The attract loop when nobody is there: one slide at a time (a service, the counter's hours, a
 * notice from configuration), changing slowly; the whole screen is one button that wakes the kiosk.
 */
export function AttractLoop({ kiosk, slideMs, onWake }: AttractLoopProps) {
  const { t, i18n } = useTranslation();
  const slides = useMemo(() => attractSlides(kiosk), [kiosk]);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (slides.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % slides.length), slideMs);
    return () => clearInterval(timer);
  }, [slides.length, slideMs]);
  const slide = slides[index % Math.max(1, slides.length)];
  const language = i18n.language as keyof LocalizedText;
  const text = (value: LocalizedText) => value[language] ?? value['zh-CN'];
  return (
    <button type="button" className="attract-loop" data-testid="attract-loop" data-slide={slide ? `${slide.kind}-${index}` : 'none'} onClick={onWake}>
      <span className="attract-title">{t('app.title')}</span>
      {slide ? (
        <span key={index} className={`attract-slide attract-${slide.kind}`} data-testid="attract-slide">
          <span className="attract-kicker">{t(`idle.attract.${slide.kind}`)}</span>
          <span className="attract-text">{slide.kind === 'service' ? t(`services.${slide.id}`) : text(slide.text)}</span>
        </span>
      ) : null}
      <span className="attract-dots" aria-hidden="true">
        {slides.map((s, i) => (
          <span key={`${s.kind}-${i}`} className={i === index ? 'attract-dot current' : 'attract-dot'} />
        ))}
      </span>
      <span className="attract-touch">{t('idle.attract.touchToStart')}</span>
    </button>
  );
}
