package vn.bhxh.pipeline.common.nightly;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

/**
 * A lock file on a local file system through java.nio: {@code CREATE_NEW} is {@code open(O_CREAT |
 * O_EXCL)}, atomic; a move is {@code rename(2)}, atomic; putting a file back uses {@code link(2)},
 * which fails atomically when the name exists.
 */
final class LocalLockStorage implements LockStorage {
  private final Path lock;

  LocalLockStorage(Path lock) {
    this.lock = lock.toAbsolutePath().normalize();
  }

  @Override
  public String location() {
    return lock.toString();
  }

  @Override
  public boolean createNew(byte[] content) throws IOException {
    Files.createDirectories(lock.getParent());
    try (OutputStream out =
        Files.newOutputStream(
            lock,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.SYNC)) {
      out.write(content);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  @Override
  public Optional<State> read() throws IOException {
    return read(lock);
  }

  @Override
  public void touch(Instant heartbeat) throws IOException {
    Files.setLastModifiedTime(lock, FileTime.from(heartbeat));
  }

  @Override
  public Optional<State> moveAside(String tag) throws IOException {
    Path aside = aside(tag);
    try {
      Files.move(lock, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return read(aside);
  }

  @Override
  public boolean restore(String tag) throws IOException {
    Path aside = aside(tag);
    try {
      Files.createLink(lock, aside);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException e) {
      // No hard links here: a plain move, which checks for an existing lock just before renaming.
      try {
        Files.move(aside, lock);
        return true;
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException busy) {
        return false;
      }
    } finally {
      Files.deleteIfExists(aside);
    }
  }

  @Override
  public void deleteAside(String tag) throws IOException {
    Files.deleteIfExists(aside(tag));
  }

  private Path aside(String tag) {
    return lock.resolveSibling(lock.getFileName() + "." + tag);
  }

  private static Optional<State> read(Path path) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      byte[] content = Files.readAllBytes(path);
      return Optional.of(
          new State(content, attributes.lastModifiedTime().toInstant(), attributes.fileKey()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
