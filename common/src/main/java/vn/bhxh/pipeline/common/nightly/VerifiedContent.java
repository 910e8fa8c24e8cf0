package vn.bhxh.pipeline.common.nightly;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import vn.bhxh.pipeline.common.catalog.TableVersion;
import vn.bhxh.pipeline.common.landing.LandingZone;

/**
 * What a completed nightly proved about a small table that it keeps equal to rows of its own (the
 * {@code geography} table and the project's geography): at version {@code at} the table held
 * exactly the rows whose {@link #fingerprint} is {@code sha256}. What a Delta version holds never
 * changes, so a later nightly that finds the table still at that version, and wants rows with the
 * same fingerprint, knows the table holds them without reading it. It is recorded in the {@code
 * runs.details} of the nightly that proved it ({@link #toDetails}).
 *
 * @param at the table's identity and version
 * @param sha256 the fingerprint of the rows the table held at that version
 */
public record VerifiedContent(TableVersion at, String sha256) {
  private static final String TABLE_ID = "_verified_table_id";
  private static final String VERSION = "_verified_version";
  private static final String SHA256 = "_verified_sha256";

  /**
   * Whether the table, found at {@code now}, holds the rows whose fingerprint is {@code wanted}:
   * the same table (not one deleted and created again) at the same version, and the same rows.
   */
  public boolean vouchesFor(TableVersion now, String wanted) {
    return at.equals(now) && sha256.equals(wanted);
  }

  /**
   * What a write of the rows whose fingerprint is {@code sha256} proves, given the table's version
   * read just before it (empty: no table yet) and just after it: the table holds those rows at the
   * commit right after {@code before} (version 0 of a new table). Found at any other version or as
   * another table, someone else committed in between and nothing is proven.
   */
  public static Optional<VerifiedContent> ofWrite(
      Optional<TableVersion> before, Optional<TableVersion> after, String sha256) {
    return after
        .filter(
            written ->
                before
                    .map(
                        previous ->
                            previous.tableId().equals(written.tableId())
                                && written.version() == previous.version() + 1)
                    .orElse(written.version() == 0))
        .map(written -> new VerifiedContent(written, sha256));
  }

  /**
   * The details entries that record it, keyed {@code <prefix>_verified_table_id}, {@code
   * <prefix>_verified_version} and {@code <prefix>_verified_sha256}.
   */
  public Map<String, String> toDetails(String prefix) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put(prefix + TABLE_ID, at.tableId());
    details.put(prefix + VERSION, Long.toString(at.version()));
    details.put(prefix + SHA256, sha256);
    return details;
  }

  /**
   * What a run recorded under {@code prefix} ({@link #toDetails}); empty when it recorded nothing
   * or something incomplete or unreadable, which only means the table has to be read.
   */
  public static Optional<VerifiedContent> fromDetails(Map<String, String> details, String prefix) {
    String tableId = details.get(prefix + TABLE_ID);
    String version = details.get(prefix + VERSION);
    String sha256 = details.get(prefix + SHA256);
    if (tableId == null || version == null || sha256 == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new VerifiedContent(new TableVersion(tableId, Long.parseLong(version)), sha256));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A fingerprint of a table's content that does not depend on row order: the SHA-256 (lower-case
   * hex) of the column names and of the rows, each row encoded value by value ({@code length:text},
   * or {@code -} for null) and the encoded rows sorted. Two collections of rows have the same
   * fingerprint exactly when they hold the same rows the same number of times (barring a SHA-256
   * collision). Values are compared by their text, so only scalar values are accepted: strings,
   * numbers, booleans, dates and times.
   *
   * @throws IllegalArgumentException for a nested value (struct, array, map, binary), whose text
   *     would not identify it
   */
  public static String fingerprint(List<String> columns, Collection<Row> rows) {
    List<String> encoded = new ArrayList<>(rows.size());
    for (Row row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length(); i++) {
        appendValue(line, row.get(i));
      }
      encoded.add(line.toString());
    }
    encoded.sort(null);
    MessageDigest digest = LandingZone.newSha256();
    StringBuilder header = new StringBuilder();
    columns.forEach(column -> appendValue(header, column));
    digest.update(header.append('\n').toString().getBytes(StandardCharsets.UTF_8));
    for (String line : encoded) {
      digest.update(line.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void appendValue(StringBuilder line, Object value) {
    if (value == null) {
      line.append("-,");
      return;
    }
    if (!(value instanceof String
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof java.util.Date
        || value instanceof Temporal)) {
      throw new IllegalArgumentException(
          "cannot fingerprint a value of type " + value.getClass().getName());
    }
    String text = value.toString();
    line.append(text.length()).append(':').append(text).append(',');
  }
}
