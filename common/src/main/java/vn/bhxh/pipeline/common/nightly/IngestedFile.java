package vn.bhxh.pipeline.common.nightly;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;

/**
 * What {@code ingest_log} remembers of one ingestion of a file: the columns {@link
 * IngestLogColumns#PATH}, {@link IngestLogColumns#SIZE_BYTES}, {@link IngestLogColumns#CHECKSUM},
 * {@link IngestLogColumns#STATUS} and {@link IngestLogColumns#INGESTED_AT}.
 *
 * @param path path relative to the landing root
 * @param sizeBytes the size it had when ingested
 * @param checksum SHA-256 of its bytes, lower-case hex; null when the file was rejected before its
 *     bytes could be read to the end
 * @param status {@link IngestLogColumns#STATUS_LOADED} or {@link IngestLogColumns#STATUS_REJECTED}
 * @param ingestedAt when; orders several ingestions of one path
 * @param modifiedAt the file's modification time when it was ingested; null when not recorded
 */
public record IngestedFile(
    String path,
    long sizeBytes,
    String checksum,
    String status,
    Instant ingestedAt,
    Instant modifiedAt) {

  /** A log row without the file's modification time. */
  public IngestedFile(
      String path, long sizeBytes, String checksum, String status, Instant ingestedAt) {
    this(path, sizeBytes, checksum, status, ingestedAt, null);
  }

  public IngestedFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(ingestedAt, "ingestedAt");
  }

  /**
   * The latest ingestion of each path ({@code ingest_log} appends one row per ingestion, so a
   * re-delivered file has several). Ties on time, which a single run cannot produce for one path,
   * are broken by status so the result does not depend on the input order.
   */
  public static Map<String, IngestedFile> latestByPath(Collection<IngestedFile> rows) {
    Comparator<IngestedFile> order =
        Comparator.comparing(IngestedFile::ingestedAt).thenComparing(IngestedFile::status);
    Map<String, IngestedFile> latest = new LinkedHashMap<>();
    for (IngestedFile row : rows) {
      latest.merge(row.path(), row, (a, b) -> order.compare(a, b) >= 0 ? a : b);
    }
    return latest;
  }
}
