package vn.bhxh.pipeline.common.spark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a process per call. Without Hadoop's native
 * library, which is not published to Maven Central, Hadoop sets a new file's permissions by running
 * {@code chmod} and looks for a symbolic link by running {@code readlink}: one process for every
 * Parquet file, checksum file and Delta log entry written, and several for every rename of a commit
 * (about 600 in the ingest of a month at scale 0.1, 3–7 ms each on this machine). Java's own file
 * API does the same in microseconds.
 *
 * <p>Only those two calls change, and only for what they are used for here: a permission without
 * the sticky bit is set with {@link Files#setPosixFilePermissions}, and a path that is not a
 * symbolic link has the status {@link RawLocalFileSystem#getFileStatus} gives (which is what Hadoop
 * returns for it after its {@code readlink}). Anything else, a symbolic link or a file system
 * without POSIX permissions, goes the way Hadoop goes. {@link SparkSessionFactory} installs both
 * entry points: {@link FileSystem} for {@code fs.file.impl} and {@link Fs} for {@code
 * fs.AbstractFileSystem.file.impl} (the {@code FileContext} that Delta's log store renames with).
 */
public final class LocalFiles {
  private LocalFiles() {}

  /** The raw file system, with the two calls done by Java. */
  public static final class RawFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
      if (permission.getStickyBit()) {
        super.setPermission(path, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(path).toPath(), posix(permission.toShort()));
      } catch (UnsupportedOperationException e) {
        super.setPermission(path, permission);
      }
    }

    @Override
    public FileStatus getFileLinkStatus(Path path) throws IOException {
      if (Files.isSymbolicLink(pathToFile(path).toPath())) {
        return super.getFileLinkStatus(path);
      }
      return getFileStatus(path);
    }
  }

  /** {@code fs.file.impl}: Hadoop's checksummed local file system over {@link RawFileSystem}. */
  public static final class FileSystem extends LocalFileSystem {
    public FileSystem() {
      super(new RawFileSystem());
    }
  }

  /**
   * {@code fs.AbstractFileSystem.file.impl}: Hadoop's {@code LocalFs} over {@link RawFileSystem}.
   */
  public static final class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }
  }

  /** Hadoop's {@code RawLocalFs} over {@link RawFileSystem}, with its answers. */
  private static final class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new RawFileSystem(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1; // no port, as Hadoop's
    }

    @Override
    @SuppressWarnings("deprecation") // overrides the deprecated form, as Hadoop's RawLocalFs does
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(Path path) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // any local name, as Hadoop's
    }
  }

  /** The POSIX permissions of the nine low bits of a mode ({@code 0644}: rw-r--r--). */
  static Set<PosixFilePermission> posix(short mode) {
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < bits.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        permissions.add(bits[bit]);
      }
    }
    return permissions;
  }
}
