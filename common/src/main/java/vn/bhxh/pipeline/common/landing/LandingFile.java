package vn.bhxh.pipeline.common.landing;

import java.io.Serializable;
import java.time.Instant;
import vn.bhxh.pipeline.common.quality.ReasonCode;
import vn.bhxh.pipeline.common.time.Period;

/**
 * One file of the landing zone, as listed (no content read yet).
 *
 * @param path path relative to the landing root, with {@code /} separators, e.g. {@code
 *     participation/2024-01/01.csv.gz}: what {@code ingest_log.path} stores
 * @param uri the full Hadoop path (scheme included) to open it with
 * @param dataset the dataset folder it is in
 * @param period the month of its folder; null for reference files and misnamed files
 * @param provinceCode the province of its name; null for reference files and misnamed files
 * @param sizeBytes its length in bytes
 * @param problem why the whole file cannot be used, decided from its name alone (misnamed, a
 *     province not in force that month, delivered twice); null when the name is good
 * @param modifiedAt the file's modification time from the listing (what {@code
 *     ingest_log.modified_at} records, so that {@code nightly} can tell an unchanged file without
 *     reading it); null when unknown
 */
public record LandingFile(
    String path,
    String uri,
    String dataset,
    Period period,
    String provinceCode,
    long sizeBytes,
    ReasonCode problem,
    Instant modifiedAt)
    implements Serializable {

  /** A file whose modification time is unknown. */
  public LandingFile(
      String path,
      String uri,
      String dataset,
      Period period,
      String provinceCode,
      long sizeBytes,
      ReasonCode problem) {
    this(path, uri, dataset, period, provinceCode, sizeBytes, problem, null);
  }

  /** Whether the file is gzip-compressed (by its name, as the contract says). */
  public boolean gzipped() {
    return path.endsWith(".gz");
  }
}
