package vn.bhxh.pipeline.common.quality;

import static vn.bhxh.pipeline.common.schema.PopulationColumns.POPULATION;
import static vn.bhxh.pipeline.common.schema.PopulationColumns.PROVINCE_CODE;
import static vn.bhxh.pipeline.common.schema.PopulationColumns.WORKING_AGE_POPULATION;
import static vn.bhxh.pipeline.common.schema.PopulationColumns.YEAR;

import java.util.List;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The {@code reference/population.csv} rules: every column required; a year in [{@value #MIN_YEAR},
 * {@value #MAX_YEAR}]; a province in force on 1 January of that year; populations whole numbers ≥ 0
 * with the working-age population not above the total; one row per year and province. Accepted
 * values follow {@link PopulationColumns#TABLE_SCHEMA}.
 */
public final class PopulationValidator extends RowValidator {
  /** Years outside this range are typing errors, not plans. */
  public static final int MIN_YEAR = 2000;

  public static final int MAX_YEAR = 2100;

  private final Geography geography;
  private final int year = index(YEAR);
  private final int province = index(PROVINCE_CODE);
  private final int population = index(POPULATION);
  private final int workingAge = index(WORKING_AGE_POPULATION);

  public PopulationValidator(Geography geography) {
    super(PopulationColumns.LANDING_COLUMNS, id -> 0L);
    this.geography = geography;
  }

  @Override
  public List<String> requiredColumns() {
    return PopulationColumns.LANDING_COLUMNS;
  }

  @Override
  protected Object[] check(String[] v, Issues issues) {
    Integer yearValue = year(v[year], issues);
    String code = required(v[province], PROVINCE_CODE, issues);
    if (code != null
        && yearValue != null
        && geography.provinceIn(Period.of(yearValue, 1), code).isEmpty()) {
      issues.add(ReasonCode.UNKNOWN_PROVINCE, PROVINCE_CODE);
    }
    Long total = nonNegative(v[population], POPULATION, issues);
    Long working = nonNegative(v[workingAge], WORKING_AGE_POPULATION, issues);
    if (total != null && working != null && working > total) {
      issues.add(ReasonCode.WORKING_AGE_EXCEEDS_POPULATION, WORKING_AGE_POPULATION);
    }
    if (!issues.isEmpty()) {
      return null;
    }
    return new Object[] {yearValue, code, total, working};
  }

  /** A required year within range, or null (recorded). */
  static Integer year(String value, Issues issues) {
    Long number = integer(required(value, YEAR, issues), YEAR, issues);
    if (number == null) {
      return null;
    }
    if (number < MIN_YEAR || number > MAX_YEAR) {
      issues.add(ReasonCode.BAD_YEAR, YEAR);
      return null;
    }
    return number.intValue();
  }

  @Override
  protected String duplicateKey(String[] v) {
    return v[year] == null || v[province] == null ? null : v[year] + '|' + v[province];
  }

  @Override
  protected ReasonCode duplicateReason() {
    return ReasonCode.DUPLICATE_KEY;
  }

  @Override
  protected boolean isIdentifier(int index, String[] values) {
    return false;
  }

  @Override
  protected boolean holdsPersonData() {
    return false;
  }
}
