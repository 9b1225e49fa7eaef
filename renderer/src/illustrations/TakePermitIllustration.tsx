import { PermitFace } from './card-faces';
import { CardSlotScene } from './card-slot-scene';
import { Illustration } from './Illustration';

/** The permit coming back out of the slot, to be taken. */
export function TakePermitIllustration({ label }: { readonly label?: string }) {
  return (
    <Illustration name="take-permit" {...(label ? { label } : {})}>
      <CardSlotScene direction="out" card={<PermitFace x={120} y={90} />} />
    </Illustration>
  );
}
