import { ASSET_CATEGORIES, SENSITIVITIES, type AssetCategory, type Sensitivity } from '@gridledger/domain';
import { useTranslation } from 'react-i18next';

/**
 * The category and sensitivity pickers of the upload form and the details editor. `idPrefix`
 * keeps the two forms' labels apart; `lowestSensitivity` hides the levels below it, which the
 * chaincode refuses once an asset is registered (sensitivity only goes up).
 */
export function AssetClassFields({ idPrefix, category, sensitivity, lowestSensitivity = 'public', onChange }: {
  idPrefix: string;
  category: AssetCategory;
  sensitivity: Sensitivity;
  lowestSensitivity?: Sensitivity;
  onChange: (change: { category: AssetCategory; sensitivity: Sensitivity }) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-category`}>{t('upload.category')}</label>
        <select id={`${idPrefix}-category`} value={category} onChange={(e) => onChange({ category: e.target.value as AssetCategory, sensitivity })}>
          {ASSET_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-sensitivity`}>{t('upload.sensitivity')}</label>
        <select id={`${idPrefix}-sensitivity`} value={sensitivity} onChange={(e) => onChange({ category, sensitivity: e.target.value as Sensitivity })}>
          {SENSITIVITIES.slice(SENSITIVITIES.indexOf(lowestSensitivity)).map((s) => (
            <option key={s} value={s}>
              {t(`sensitivity.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
