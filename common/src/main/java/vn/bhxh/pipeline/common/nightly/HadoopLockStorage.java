package vn.bhxh.pipeline.common.nightly;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A lock file on a Hadoop {@link FileSystem}. On HDFS every operation used here is atomic in the
 * NameNode: {@code create(path, overwrite=false)} fails when the file exists, and {@code rename}
 * fails (returns false) when the source is gone or the target exists. On object stores (S3A, ABFS
 * without hierarchical namespace, GCS) {@code create} checks and writes in two steps and {@code
 * rename} copies then deletes, so two runs starting within the same instant could both get the
 * lock: there, rely on the scheduler's overlap protection (docs/nightly.md).
 */
final class HadoopLockStorage implements LockStorage {
  private final FileSystem fs;
  private final Path lock;

  HadoopLockStorage(FileSystem fs, Path lock) {
    this.fs = fs;
    this.lock = fs.makeQualified(lock);
  }

  @Override
  public String location() {
    return lock.toString();
  }

  @Override
  public boolean createNew(byte[] content) throws IOException {
    fs.mkdirs(lock.getParent());
    try (FSDataOutputStream out = fs.create(lock, false)) {
      out.write(content);
      out.hflush();
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // Some file systems report an existing file with a plain IOException.
      if (fs.exists(lock)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<State> read() throws IOException {
    return read(lock);
  }

  @Override
  public void touch(Instant heartbeat) throws IOException {
    fs.setTimes(lock, heartbeat.toEpochMilli(), -1);
  }

  @Override
  public Optional<State> moveAside(String tag) throws IOException {
    Path aside = aside(tag);
    try {
      if (!fs.rename(lock, aside)) {
        return Optional.empty();
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    return read(aside);
  }

  @Override
  public boolean restore(String tag) throws IOException {
    Path aside = aside(tag);
    try {
      return fs.rename(aside, lock);
    } finally {
      if (fs.exists(aside)) {
        fs.delete(aside, false);
      }
    }
  }

  @Override
  public void deleteAside(String tag) throws IOException {
    fs.delete(aside(tag), false);
  }

  private Path aside(String tag) {
    return new Path(lock.getParent(), lock.getName() + "." + tag);
  }

  private Optional<State> read(Path path) throws IOException {
    try {
      FileStatus status = fs.getFileStatus(path);
      byte[] content = new byte[(int) Math.min(status.getLen(), 64 * 1024)];
      try (InputStream in = fs.open(path)) {
        int read = in.readNBytes(content, 0, content.length);
        if (read < content.length) {
          content = java.util.Arrays.copyOf(content, read);
        }
      }
      return Optional.of(
          new State(content, Instant.ofEpochMilli(status.getModificationTime()), null));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }
}
