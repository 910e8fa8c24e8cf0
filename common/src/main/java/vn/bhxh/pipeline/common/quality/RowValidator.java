package vn.bhxh.pipeline.common.quality;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Checks the rows of one landing file against the contract (CONTRACT §1) and types the accepted
 * ones. Pure: no Spark, no I/O, no clock; the ID pseudonymisation function is passed in. Stateful
 * per file (it remembers accepted keys to find duplicates), so use one instance per file and
 * thread.
 *
 * <p>A row gets every reason that applies. A duplicate is a row whose key (person and scheme,
 * payer, claim) an earlier <em>accepted</em> row of the file already has: the first good row wins,
 * and a bad first row does not make a later good one a duplicate.
 */
public abstract class RowValidator {
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
  private static final int MAX_PLAIN_DIGITS = 18;
  private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{9,}");

  private final List<String> columns;
  private final ToLongFunction<String> pseudonymizer;
  private final KeySet acceptedKeys = new KeySet();

  protected RowValidator(List<String> columns, ToLongFunction<String> pseudonymizer) {
    this.columns = List.copyOf(columns);
    this.pseudonymizer = pseudonymizer;
  }

  /** The dataset's landing columns, the order of {@link LandingRecord#values()}. */
  public final List<String> columns() {
    return columns;
  }

  /**
   * Says how many rows to expect (a bound from the file's size), so that the set of keys seen is
   * sized once rather than grown row by row.
   */
  public final void expectRows(long rows) {
    acceptedKeys.expect(rows);
  }

  /**
   * The high halves of the duplicate keys' fingerprints of the rows accepted so far ({@link
   * KeySet#highHalves}): a range of a cut file hands them on, to find a key accepted in two of the
   * file's ranges.
   */
  public final byte[] acceptedKeyHalves() {
    return acceptedKeys.highHalves();
  }

  /** Columns a file's header must have. */
  public abstract List<String> requiredColumns();

  /** Validates one row of the file. */
  public final RowResult validate(LandingRecord record) {
    String key = duplicateKey(record.values());
    return key == null
        ? validate(record, false, 0, 0)
        : validate(record, true, KeySet.high(key), KeySet.low(key));
  }

  /**
   * Validates the next rows of the file, in order: the same verdicts as {@link
   * #validate(LandingRecord)} row by row. The rows' keys are fingerprinted first and their places
   * in the set of accepted keys read together, so that the processor fetches those (in a large
   * file, a cache miss each) at the same time instead of one after the other.
   */
  public final void validate(RowBatch batch) {
    for (int row = 0; row < batch.size(); row++) {
      String key = duplicateKey(batch.record(row).values());
      if (key != null) {
        batch.key(row, key);
      }
    }
    // A short loop of independent reads, so that the processor has them all in flight at once.
    for (int row = 0; row < batch.size(); row++) {
      if (batch.keyed(row)) {
        acceptedKeys.touch(batch.high(row));
      }
    }
    for (int row = 0; row < batch.size(); row++) {
      batch.result(
          row, validate(batch.record(row), batch.keyed(row), batch.high(row), batch.low(row)));
    }
  }

  private RowResult validate(LandingRecord record, boolean keyed, long high, long low) {
    Issues issues = new Issues();
    if (record.ragged()) {
      issues.add(ReasonCode.RAGGED_ROW, "fields");
    }
    Object[] typed = check(record.values(), issues);
    if (keyed) {
      // One look-up for a good row (it is remembered as it is checked); a bad row is only checked.
      boolean seen =
          issues.isEmpty() ? !acceptedKeys.add(high, low) : acceptedKeys.contains(high, low);
      if (seen) {
        issues.add(duplicateReason(), "key");
      }
    }
    if (issues.isEmpty()) {
      return new RowResult(typed, List.of(), null);
    }
    return new RowResult(null, issues.reasons(), issues.detail());
  }

  /**
   * The row's values by column name for the quarantine, with every identifier replaced by its key
   * ({@code key:<16 hex>}), malformed or not. A value of any other column that holds a run of nine
   * or more digits is keyed too: in a shifted or ragged row a raw ID can sit in any column.
   */
  public final Map<String, String> maskedValues(String[] values, List<String> presentColumns) {
    Map<String, String> masked = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      if (!presentColumns.contains(column)) {
        continue;
      }
      String value = values[i];
      boolean identifier = isIdentifier(i, values);
      if (value != null
          && (identifier || (holdsPersonData() && LONG_DIGIT_RUN.matcher(value).find()))) {
        value = keyText(value);
      }
      masked.put(column, value);
    }
    return masked;
  }

  /** The text form of an ID's key in quarantine values: {@code key:} and 16 hex digits. */
  public final String keyText(String rawId) {
    return "key:" + HexFormat.of().toHexDigits(pseudonymizer.applyAsLong(rawId));
  }

  /**
   * Whether rows of this dataset describe persons, so that a long digit run anywhere may be a raw
   * ID. Reference datasets (population, targets) hold none, and their big numbers stay readable.
   */
  protected boolean holdsPersonData() {
    return true;
  }

  /** Checks and types a row; records every problem in {@code issues}. */
  protected abstract Object[] check(String[] values, Issues issues);

  /** The duplicate key of a row, or null when it has none (or its key fields are malformed). */
  protected String duplicateKey(String[] values) {
    return null;
  }

  /** The reason given to duplicates. */
  protected ReasonCode duplicateReason() {
    throw new IllegalStateException(getClass().getSimpleName() + " has no duplicate key");
  }

  /** Whether column {@code index} holds a raw ID in this row (keyed in quarantine values). */
  protected abstract boolean isIdentifier(int index, String[] values);

  protected final int index(String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("unknown column " + column);
    }
    return index;
  }

  protected final long key(String rawId) {
    return pseudonymizer.applyAsLong(rawId);
  }

  // ---- field checks shared by the datasets ----

  /**
   * Checks a row's period and province against the file's slice (both required, well-formed and
   * equal to the folder and file name).
   */
  protected static void sliceColumns(
      String period, String province, FileSlice slice, Issues issues) {
    // Almost every row names its file's period: one string comparison, no parsing.
    if (required(period, CommonColumns.PERIOD, issues) != null
        && !period.equals(slice.period().toString())) {
      Period parsed = Period.tryParse(period);
      if (parsed == null) {
        issues.add(ReasonCode.BAD_PERIOD_FORMAT, CommonColumns.PERIOD);
      } else if (!parsed.equals(slice.period())) {
        issues.add(ReasonCode.PERIOD_MISMATCH, CommonColumns.PERIOD);
      }
    }
    if (required(province, CommonColumns.PROVINCE_CODE, issues) != null) {
      if (!isDigits(province, 2)) {
        issues.add(ReasonCode.BAD_PROVINCE_FORMAT, CommonColumns.PROVINCE_CODE);
      } else if (!province.equals(slice.provinceCode())) {
        issues.add(ReasonCode.PROVINCE_MISMATCH, CommonColumns.PROVINCE_CODE);
      }
    }
  }

  /** A required value, or null (recorded as MISSING_REQUIRED). */
  protected static String required(String value, String column, Issues issues) {
    if (value == null) {
      issues.add(ReasonCode.MISSING_REQUIRED, column);
    }
    return value;
  }

  protected static boolean isPersonId(String value) {
    return isDigits(value, 10) || isDigits(value, 12);
  }

  /**
   * Whether a value is exactly {@code length} ASCII digits. A loop, not a regex: it runs for
   * several fields of every row, and a matcher per field was a visible share of validation time.
   */
  protected static boolean isDigits(String value, int length) {
    if (value == null || value.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** A value from a closed list; null when absent or unknown (unknown recorded as {@code code}). */
  protected static String oneOf(
      String value, List<String> allowed, String column, ReasonCode code, Issues issues) {
    if (value == null) {
      return null;
    }
    if (!allowed.contains(value)) {
      issues.add(code, column);
      return null;
    }
    return value;
  }

  /** A whole number, or null when absent or malformed (recorded as NOT_AN_INTEGER). */
  protected static Long integer(String value, String column, Issues issues) {
    if (value == null) {
      return null;
    }
    // Plain digits (almost every value) need no regex; signs and anything else go through it.
    if (!(!value.isEmpty() && value.length() <= MAX_PLAIN_DIGITS && isDigits(value, value.length()))
        && !INTEGER.matcher(value).matches()) {
      issues.add(ReasonCode.NOT_AN_INTEGER, column);
      return null;
    }
    return Long.parseLong(value);
  }

  /** A required whole number ≥ 0; null (and recorded) when absent, malformed or negative. */
  protected static Long nonNegative(String value, String column, Issues issues) {
    Long number = integer(required(value, column, issues), column, issues);
    if (number != null && number < 0) {
      issues.add(ReasonCode.NEGATIVE_AMOUNT, column);
      return null;
    }
    return number;
  }

  /** The problems found in one row, with the columns concerned. */
  protected static final class Issues {
    // Created at the first problem: most rows have none, and this runs for every row.
    private Map<ReasonCode, List<String>> byReason;

    public void add(ReasonCode reason, String column) {
      if (byReason == null) {
        byReason = new EnumMap<>(ReasonCode.class);
      }
      List<String> where = byReason.computeIfAbsent(reason, r -> new ArrayList<>());
      if (!where.contains(column)) {
        where.add(column);
      }
    }

    public boolean isEmpty() {
      return byReason == null;
    }

    public boolean has(ReasonCode reason) {
      return byReason != null && byReason.containsKey(reason);
    }

    List<ReasonCode> reasons() {
      return byReason == null ? List.of() : List.copyOf(byReason.keySet());
    }

    String detail() {
      StringJoiner joiner = new StringJoiner("; ");
      if (byReason == null) {
        return joiner.toString();
      }
      byReason.forEach((reason, where) -> joiner.add(reason + ": " + String.join(", ", where)));
      return joiner.toString();
    }
  }
}
