package vn.bhxh.pipeline.common.quality;

import static vn.bhxh.pipeline.common.schema.ParticipationColumns.BIRTH_YEAR;
import static vn.bhxh.pipeline.common.schema.ParticipationColumns.DISTRICT_CODE;
import static vn.bhxh.pipeline.common.schema.ParticipationColumns.EMPLOYER_ID;
import static vn.bhxh.pipeline.common.schema.ParticipationColumns.GENDER;
import static vn.bhxh.pipeline.common.schema.ParticipationColumns.HI_GROUP;
import static vn.bhxh.pipeline.common.schema.ParticipationColumns.PERIOD;
import static vn.bhxh.pipeline.common.schema.ParticipationColumns.PERSON_ID;
import static vn.bhxh.pipeline.common.schema.ParticipationColumns.PROVINCE_CODE;
import static vn.bhxh.pipeline.common.schema.ParticipationColumns.SCHEME;

import java.util.List;
import java.util.function.ToLongFunction;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;

/**
 * The {@code participation} rules: required period, province, person_id (10 or 12 digits) and
 * scheme; hi_group when scheme = HI; employer_id for SI_COMPULSORY and UI; gender M/F; 1900 ≤
 * birth_year ≤ the period's year; district_code of 3 digits; one row per person and scheme.
 * Accepted values follow {@link ParticipationColumns#TABLE_SCHEMA}.
 */
public final class ParticipationValidator extends RowValidator {
  /** The first birth year the contract accepts. */
  public static final int MIN_BIRTH_YEAR = 1900;

  private static final String HI = "HI";
  private static final List<String> NEED_EMPLOYER = List.of("SI_COMPULSORY", "UI");

  private final FileSlice slice;
  private final int period = index(PERIOD);
  private final int province = index(PROVINCE_CODE);
  private final int district = index(DISTRICT_CODE);
  private final int person = index(PERSON_ID);
  private final int scheme = index(SCHEME);
  private final int hiGroup = index(HI_GROUP);
  private final int employer = index(EMPLOYER_ID);
  private final int gender = index(GENDER);
  private final int birthYear = index(BIRTH_YEAR);

  public ParticipationValidator(FileSlice slice, ToLongFunction<String> pseudonymizer) {
    super(ParticipationColumns.LANDING_COLUMNS, pseudonymizer);
    this.slice = slice;
  }

  @Override
  public List<String> requiredColumns() {
    return ParticipationColumns.REQUIRED_LANDING_COLUMNS;
  }

  @Override
  protected Object[] check(String[] v, Issues issues) {
    sliceColumns(v[period], v[province], slice, issues);
    String districtCode = v[district];
    if (districtCode != null && !isDigits(districtCode, 3)) {
      issues.add(ReasonCode.BAD_DISTRICT_CODE, DISTRICT_CODE);
    }
    String personId = required(v[person], PERSON_ID, issues);
    if (personId != null && !isPersonId(personId)) {
      issues.add(ReasonCode.BAD_PERSON_ID, PERSON_ID);
    }
    String schemeValue =
        oneOf(
            required(v[scheme], SCHEME, issues),
            ParticipationColumns.SCHEMES,
            SCHEME,
            ReasonCode.UNKNOWN_SCHEME,
            issues);
    String group =
        oneOf(
            v[hiGroup],
            ParticipationColumns.HI_GROUPS,
            HI_GROUP,
            ReasonCode.UNKNOWN_HI_GROUP,
            issues);
    if (HI.equals(schemeValue) && v[hiGroup] == null) {
      issues.add(ReasonCode.MISSING_HI_GROUP, HI_GROUP);
    }
    if (schemeValue != null && NEED_EMPLOYER.contains(schemeValue) && v[employer] == null) {
      issues.add(ReasonCode.MISSING_EMPLOYER_ID, EMPLOYER_ID);
    }
    String genderValue =
        oneOf(v[gender], ParticipationColumns.GENDERS, GENDER, ReasonCode.BAD_GENDER, issues);
    Long year = integer(v[birthYear], BIRTH_YEAR, issues);
    if (year != null && (year < MIN_BIRTH_YEAR || year > slice.period().year())) {
      issues.add(ReasonCode.BIRTH_YEAR_OUT_OF_RANGE, BIRTH_YEAR);
    }
    if (!issues.isEmpty()) {
      return null;
    }
    return new Object[] {
      slice.period().toString(),
      slice.provinceCode(),
      districtCode,
      key(personId),
      schemeValue,
      group,
      v[employer],
      genderValue,
      year == null ? null : year.intValue()
    };
  }

  @Override
  protected String duplicateKey(String[] v) {
    String schemeValue = v[scheme];
    if (!isPersonId(v[person])
        || schemeValue == null
        || !ParticipationColumns.SCHEMES.contains(schemeValue)) {
      return null;
    }
    return v[person] + '|' + schemeValue;
  }

  @Override
  protected ReasonCode duplicateReason() {
    return ReasonCode.DUPLICATE_PERSON_SCHEME;
  }

  @Override
  protected boolean isIdentifier(int index, String[] values) {
    return index == person;
  }
}
