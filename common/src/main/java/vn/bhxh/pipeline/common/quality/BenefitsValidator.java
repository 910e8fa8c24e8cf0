package vn.bhxh.pipeline.common.quality;

import static vn.bhxh.pipeline.common.schema.BenefitsColumns.AMOUNT_VND;
import static vn.bhxh.pipeline.common.schema.BenefitsColumns.CLAIM_ID;
import static vn.bhxh.pipeline.common.schema.BenefitsColumns.PAYMENT_TYPE;
import static vn.bhxh.pipeline.common.schema.BenefitsColumns.PERIOD;
import static vn.bhxh.pipeline.common.schema.BenefitsColumns.PERSON_ID;
import static vn.bhxh.pipeline.common.schema.BenefitsColumns.PROVINCE_CODE;
import static vn.bhxh.pipeline.common.schema.BenefitsColumns.REGIME;

import java.util.List;
import java.util.function.ToLongFunction;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;

/**
 * The {@code benefits} rules: every column required; person_id of 10 or 12 digits; known regime and
 * payment type; amount a whole number ≥ 0; claim_id unique within the file. Accepted values follow
 * {@link BenefitsColumns#TABLE_SCHEMA}.
 */
public final class BenefitsValidator extends RowValidator {
  private final FileSlice slice;
  private final int period = index(PERIOD);
  private final int province = index(PROVINCE_CODE);
  private final int claim = index(CLAIM_ID);
  private final int person = index(PERSON_ID);
  private final int regime = index(REGIME);
  private final int paymentType = index(PAYMENT_TYPE);
  private final int amount = index(AMOUNT_VND);

  public BenefitsValidator(FileSlice slice, ToLongFunction<String> pseudonymizer) {
    super(BenefitsColumns.LANDING_COLUMNS, pseudonymizer);
    this.slice = slice;
  }

  @Override
  public List<String> requiredColumns() {
    return BenefitsColumns.REQUIRED_LANDING_COLUMNS;
  }

  @Override
  protected Object[] check(String[] v, Issues issues) {
    sliceColumns(v[period], v[province], slice, issues);
    String claimId = required(v[claim], CLAIM_ID, issues);
    String personId = required(v[person], PERSON_ID, issues);
    if (personId != null && !isPersonId(personId)) {
      issues.add(ReasonCode.BAD_PERSON_ID, PERSON_ID);
    }
    String regimeValue =
        oneOf(
            required(v[regime], REGIME, issues),
            BenefitsColumns.REGIMES,
            REGIME,
            ReasonCode.UNKNOWN_REGIME,
            issues);
    String type =
        oneOf(
            required(v[paymentType], PAYMENT_TYPE, issues),
            BenefitsColumns.PAYMENT_TYPES,
            PAYMENT_TYPE,
            ReasonCode.UNKNOWN_PAYMENT_TYPE,
            issues);
    Long amountValue = nonNegative(v[amount], AMOUNT_VND, issues);
    if (!issues.isEmpty()) {
      return null;
    }
    return new Object[] {
      slice.period().toString(),
      slice.provinceCode(),
      claimId,
      key(personId),
      regimeValue,
      type,
      amountValue
    };
  }

  @Override
  protected String duplicateKey(String[] v) {
    return v[claim];
  }

  @Override
  protected ReasonCode duplicateReason() {
    return ReasonCode.DUPLICATE_CLAIM_ID;
  }

  @Override
  protected boolean isIdentifier(int index, String[] values) {
    return index == person;
  }
}
