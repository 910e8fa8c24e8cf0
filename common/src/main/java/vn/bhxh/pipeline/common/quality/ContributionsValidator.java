package vn.bhxh.pipeline.common.quality;

import static vn.bhxh.pipeline.common.schema.ContributionsColumns.ARREARS_VND;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.DUE_VND;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.E_TRANSACTIONS;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.MONTHS_OVERDUE;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.PAID_VND;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.PAYER_ID;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.PAYER_TYPE;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.PAYER_TYPE_EMPLOYER;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.PAYER_TYPE_INDIVIDUAL;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.PERIOD;
import static vn.bhxh.pipeline.common.schema.ContributionsColumns.PROVINCE_CODE;

import java.util.List;
import java.util.function.ToLongFunction;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;

/**
 * The {@code contributions} rules: required payer, payer type and amounts (whole numbers ≥ 0); an
 * INDIVIDUAL payer's ID is a person ID (10 or 12 digits); e_transactions Y/N, required for EMPLOYER
 * payers; one row per payer. Every payer_id becomes {@code payer_key} (a keyed hash), so an
 * individual payer links to the same person's {@code person_key}. Accepted values follow {@link
 * ContributionsColumns#TABLE_SCHEMA}.
 */
public final class ContributionsValidator extends RowValidator {
  private final FileSlice slice;
  private final int period = index(PERIOD);
  private final int province = index(PROVINCE_CODE);
  private final int payer = index(PAYER_ID);
  private final int payerType = index(PAYER_TYPE);
  private final int due = index(DUE_VND);
  private final int paid = index(PAID_VND);
  private final int arrears = index(ARREARS_VND);
  private final int overdue = index(MONTHS_OVERDUE);
  private final int eTransactions = index(E_TRANSACTIONS);

  public ContributionsValidator(FileSlice slice, ToLongFunction<String> pseudonymizer) {
    super(ContributionsColumns.LANDING_COLUMNS, pseudonymizer);
    this.slice = slice;
  }

  @Override
  public List<String> requiredColumns() {
    return ContributionsColumns.REQUIRED_LANDING_COLUMNS;
  }

  @Override
  protected Object[] check(String[] v, Issues issues) {
    sliceColumns(v[period], v[province], slice, issues);
    String payerId = required(v[payer], PAYER_ID, issues);
    String type =
        oneOf(
            required(v[payerType], PAYER_TYPE, issues),
            ContributionsColumns.PAYER_TYPES,
            PAYER_TYPE,
            ReasonCode.UNKNOWN_PAYER_TYPE,
            issues);
    if (PAYER_TYPE_INDIVIDUAL.equals(type) && payerId != null && !isPersonId(payerId)) {
      issues.add(ReasonCode.BAD_PAYER_ID, PAYER_ID);
    }
    Long dueValue = nonNegative(v[due], DUE_VND, issues);
    Long paidValue = nonNegative(v[paid], PAID_VND, issues);
    Long arrearsValue = nonNegative(v[arrears], ARREARS_VND, issues);
    Long overdueValue = nonNegative(v[overdue], MONTHS_OVERDUE, issues);
    if (overdueValue != null && overdueValue > Integer.MAX_VALUE) {
      issues.add(ReasonCode.NOT_AN_INTEGER, MONTHS_OVERDUE);
    }
    String electronic =
        oneOf(
            v[eTransactions],
            ContributionsColumns.YES_NO,
            E_TRANSACTIONS,
            ReasonCode.BAD_E_TRANSACTIONS,
            issues);
    if (PAYER_TYPE_EMPLOYER.equals(type) && v[eTransactions] == null) {
      issues.add(ReasonCode.MISSING_E_TRANSACTIONS, E_TRANSACTIONS);
    }
    if (!issues.isEmpty()) {
      return null;
    }
    return new Object[] {
      slice.period().toString(),
      slice.provinceCode(),
      key(payerId),
      type,
      dueValue,
      paidValue,
      arrearsValue,
      overdueValue.intValue(),
      electronic
    };
  }

  @Override
  protected String duplicateKey(String[] v) {
    String type = v[payerType];
    if (v[payer] == null || type == null || !ContributionsColumns.PAYER_TYPES.contains(type)) {
      return null;
    }
    return type + '|' + v[payer];
  }

  @Override
  protected ReasonCode duplicateReason() {
    return ReasonCode.DUPLICATE_PAYER;
  }

  /** payer_id is an identifier unless the row says, validly, that the payer is an employer. */
  @Override
  protected boolean isIdentifier(int index, String[] values) {
    return index == payer && !PAYER_TYPE_EMPLOYER.equals(values[payerType]);
  }
}
