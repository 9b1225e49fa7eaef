import { PermitFace } from './card-faces';
import { CardSlotScene } from './card-slot-scene';
import { Illustration } from './Illustration';

/** The permit, photo side up, going into the certificate unit's slot. */
export function InsertPermitIllustration({ label }: { readonly label?: string }) {
  return (
    <Illustration name="insert-permit" {...(label ? { label } : {})}>
      <CardSlotScene direction="in" card={<PermitFace x={120} y={112} />} />
    </Illustration>
  );
}
