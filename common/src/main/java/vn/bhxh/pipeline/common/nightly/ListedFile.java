package vn.bhxh.pipeline.common.nightly;

import java.time.Instant;
import java.util.Objects;

/**
 * A file of the landing zone as listed now, before any byte of it is read.
 *
 * <p>The ingest job's listing ({@code LandingZone.list}, record {@code LandingFile}) carries path
 * and size; the modification time is the listing's {@code FileStatus.getModificationTime()}.
 *
 * @param path path relative to the landing root with {@code /} separators, as {@code
 *     ingest_log.path} stores it
 * @param sizeBytes its length in bytes
 * @param modifiedAt its modification time; null when unknown
 */
public record ListedFile(String path, long sizeBytes, Instant modifiedAt) {

  /** A file whose modification time is unknown. */
  public ListedFile(String path, long sizeBytes) {
    this(path, sizeBytes, null);
  }

  public ListedFile {
    Objects.requireNonNull(path, "path");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("negative size " + sizeBytes + " for " + path);
    }
  }
}
