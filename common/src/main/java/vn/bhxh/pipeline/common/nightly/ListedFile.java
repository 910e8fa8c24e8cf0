package vn.bhxh.pipeline.common.nightly;

import java.util.Objects;

/**
 * A file of the landing zone as listed now, before any byte of it is read.
 *
 * <p>The ingest job's listing ({@code LandingZone.list}, record {@code LandingFile}) carries the
 * same two facts; {@code new ListedFile(file.path(), file.sizeBytes())} adapts it.
 *
 * @param path path relative to the landing root with {@code /} separators, as {@code
 *     ingest_log.path} stores it
 * @param sizeBytes its length in bytes
 */
public record ListedFile(String path, long sizeBytes) {
  public ListedFile {
    Objects.requireNonNull(path, "path");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("negative size " + sizeBytes + " for " + path);
    }
  }
}
