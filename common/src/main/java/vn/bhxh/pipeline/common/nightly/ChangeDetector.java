package vn.bhxh.pipeline.common.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vn.bhxh.pipeline.common.error.InputException;
import vn.bhxh.pipeline.common.nightly.FileChange.Evidence;
import vn.bhxh.pipeline.common.nightly.FileChange.Kind;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;

/**
 * Compares the landing zone as listed now with {@code ingest_log}: which files are new, changed or
 * unchanged. Pure apart from the checksums it asks for, and it asks only where the answer matters:
 * a file with no log row is new and a file whose size changed is changed without reading a byte.
 * With {@link Verification#MODIFICATION_TIME}, a file with the size and modification time it had
 * when ingested is unchanged without reading it either, so a quiet night reads no file at all; with
 * {@link Verification#CHECKSUM} every same-size file is read to prove it unchanged (hours for a
 * national landing zone, so for audits rather than every night).
 */
public final class ChangeDetector {

  /** How a file of unchanged size is proven unchanged. */
  public enum Verification {
    /**
     * Same size and same modification time as recorded at ingestion: unchanged without reading (the
     * rule of rsync and make). A re-delivery always gets a new modification time (a copy, an
     * upload, an S3 PUT); only a deliberate reset of the time with the same size escapes it. Falls
     * back to the checksum when either time is unknown or they differ.
     */
    MODIFICATION_TIME,
    /** Always compare the SHA-256 of the bytes. */
    CHECKSUM
  }

  /** Computes the SHA-256 of a landing file, lower-case hex, given its relative path. */
  @FunctionalInterface
  public interface Checksums {
    String sha256(String path) throws IOException;
  }

  /**
   * The comparison of a whole listing.
   *
   * @param files one entry per listed file, ordered by path
   * @param missing paths logged as ingested that are no longer in the landing zone, ordered; their
   *     rows stay in the tables (nightly never deletes a slice because a file disappeared)
   */
  public record Changes(List<FileChange> files, List<String> missing) {
    public Changes {
      files = List.copyOf(files);
      missing = List.copyOf(missing);
    }

    /** The files to ingest (new or changed), ordered by path. */
    public List<FileChange> toIngest() {
      return files.stream().filter(FileChange::toIngest).toList();
    }

    /** How many files are of a kind. */
    public long count(Kind kind) {
      return files.stream().filter(f -> f.kind() == kind).count();
    }

    /** Whether nothing is to be ingested. */
    public boolean nothingToIngest() {
      return files.stream().noneMatch(FileChange::toIngest);
    }

    /** One line for the summary, e.g. {@code 2 new, 1 changed, 187 unchanged, 0 missing}. */
    public String summary() {
      return count(Kind.NEW)
          + " new, "
          + count(Kind.CHANGED)
          + " changed, "
          + count(Kind.UNCHANGED)
          + " unchanged, "
          + missing.size()
          + " missing";
    }
  }

  private ChangeDetector() {}

  /**
   * Compares every listed file with the latest log row of its path.
   *
   * @param listed the landing files found now
   * @param latestLogged the latest {@code ingest_log} row of each path (see {@link
   *     IngestedFile#latestByPath})
   * @param checksums asked only for files whose size equals the logged one (and, with {@link
   *     Verification#MODIFICATION_TIME}, whose modification time does not)
   * @param verification how a file of unchanged size is proven unchanged
   * @throws InputException when a checksum cannot be computed (the file is named; no data is)
   */
  public static Changes detect(
      Collection<ListedFile> listed,
      Map<String, IngestedFile> latestLogged,
      Checksums checksums,
      Verification verification) {
    List<ListedFile> ordered = new ArrayList<>(listed);
    ordered.sort(Comparator.comparing(ListedFile::path));
    List<FileChange> files = new ArrayList<>(ordered.size());
    Set<String> seen = new TreeSet<>();
    for (ListedFile file : ordered) {
      if (!seen.add(file.path())) {
        throw new IllegalArgumentException("path listed twice: " + file.path());
      }
      files.add(compare(file, latestLogged.get(file.path()), checksums, verification));
    }
    TreeSet<String> missing = new TreeSet<>(latestLogged.keySet());
    missing.removeAll(seen);
    return new Changes(files, new ArrayList<>(missing));
  }

  /** Compares one file with its latest log row (null when it has none). */
  public static FileChange compare(
      ListedFile file, IngestedFile logged, Checksums checksums, Verification verification) {
    if (logged == null) {
      return new FileChange(file.path(), Kind.NEW, Evidence.NO_LOG_ROW);
    }
    if (logged.sizeBytes() != file.sizeBytes()) {
      return new FileChange(file.path(), Kind.CHANGED, Evidence.SIZE);
    }
    if (verification == Verification.MODIFICATION_TIME
        && file.modifiedAt() != null
        && file.modifiedAt().equals(logged.modifiedAt())) {
      return new FileChange(file.path(), Kind.UNCHANGED, Evidence.SAME_MODIFICATION_TIME);
    }
    if (logged.checksum() == null) {
      return IngestLogColumns.STATUS_REJECTED.equals(logged.status())
          ? new FileChange(file.path(), Kind.UNCHANGED, Evidence.SAME_SIZE_REJECTED)
          : new FileChange(file.path(), Kind.CHANGED, Evidence.NO_CHECKSUM);
    }
    String now;
    try {
      now = checksums.sha256(file.path());
    } catch (IOException | UncheckedIOException e) {
      throw new InputException(
          "cannot read landing file " + file.path() + " to compare its checksum: " + e, e);
    }
    return logged.checksum().equalsIgnoreCase(now)
        ? new FileChange(file.path(), Kind.UNCHANGED, Evidence.SAME_CHECKSUM)
        : new FileChange(file.path(), Kind.CHANGED, Evidence.CHECKSUM);
  }
}
