package vn.bhxh.pipeline.common.nightly;

import java.util.Locale;
import java.util.Objects;

/**
 * How one landing file compares with its last ingestion.
 *
 * @param path path relative to the landing root
 * @param kind new, changed or unchanged
 * @param evidence what decided it
 */
public record FileChange(String path, Kind kind, Evidence evidence) {

  /** The outcome of the comparison. */
  public enum Kind {
    /** Never ingested: load it. */
    NEW,
    /** Ingested before with other bytes: load it again, replacing its slice. */
    CHANGED,
    /** The bytes ingested last time: nothing to do. */
    UNCHANGED;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the decision rests on (for the summary, and to show the checksum was not needed). */
  public enum Evidence {
    /** No {@code ingest_log} row for the path. */
    NO_LOG_ROW,
    /** The size differs from the logged one; the checksum was not computed. */
    SIZE,
    /**
     * Same size and same modification time as when it was ingested; not read (only with {@link
     * ChangeDetector.Verification#MODIFICATION_TIME}).
     */
    SAME_MODIFICATION_TIME,
    /** Same size, different SHA-256. */
    CHECKSUM,
    /** Same size, same SHA-256. */
    SAME_CHECKSUM,
    /**
     * Same size, and the logged row has no checksum because the file was rejected before it could
     * be read to the end (a misnamed file, say): the same bytes would be rejected again.
     */
    SAME_SIZE_REJECTED,
    /** Same size, but a loaded row without checksum: nothing proves the bytes are the same. */
    NO_CHECKSUM;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public FileChange {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(evidence, "evidence");
  }

  /** Whether the file must be ingested. */
  public boolean toIngest() {
    return kind != Kind.UNCHANGED;
  }
}
