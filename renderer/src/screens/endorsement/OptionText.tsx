import { useTranslation } from '../../translation';
import type { EndorsementOption } from '../../../../main/api/contract';
import { entriesText, moneyText, type Text, typeText, validityText } from '../../../../main/domain/endorsement-text';

/** A catalogue text with its values. */
export function useText(): (text: Text) => string {
  const { t } = useTranslation();
  return (text) => t(text.key, text.values);
}

/** One offered endorsement in words: type, validity and entries, and its fee. */
export function OptionText({ option }: { readonly option: EndorsementOption }) {
  const text = useText();
  return (
    <>
      <span className="option-main">
        <span className="option-type" data-testid="option-type">
          {text(typeText(option.code))}
        </span>
        <span className="option-terms">
          <span data-testid="option-validity">{text(validityText(option.validity))}</span>
          <span aria-hidden="true"> · </span>
          <span data-testid="option-entries">{text(entriesText(option.entries))}</span>
        </span>
      </span>
      <span className="option-fee" data-testid="option-fee">
        {text(moneyText(option.feeFen))}
      </span>
    </>
  );
}
