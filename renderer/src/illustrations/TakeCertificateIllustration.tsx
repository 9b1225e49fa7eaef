import { IdCardFace } from './card-faces';
import { CardSlotScene } from './card-slot-scene';
import { Illustration } from './Illustration';

/** The picked-up certificate (an identity card) standing out of the unit's gate, to be taken. */
export function TakeCertificateIllustration() {
  return (
    <Illustration name="take-certificate">
      <CardSlotScene direction="out" card={<IdCardFace x={120} y={90} />} />
    </Illustration>
  );
}
