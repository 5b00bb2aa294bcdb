package io.teammusic.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teammusic.shared.TeammusicProperties;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The temp folder on a real disk: crash leftovers are swept on start, a refused stream leaves nothing. */
class TempFilesTests {

    @TempDir
    Path dataDir;

    @Test
    void startingSweepsFoldersOfProcessesThatAreGone() throws IOException {
        Path stale = Files.createDirectories(dataDir.resolve("tmp").resolve("999999999-123-4"));
        long pid = ProcessHandle.current().pid();
        Path samePidEarlierStart = Files.createDirectories(dataDir.resolve("tmp").resolve(pid + "-1-5"));
        Files.writeString(stale.resolve("up-1.part"), "half an upload");
        Files.writeString(dataDir.resolve("tmp").resolve("loose.part"), "older layout");

        TempFiles temp = new TempFiles(new TeammusicProperties(dataDir, null));

        assertThat(stale).doesNotExist();
        assertThat(samePidEarlierStart).as("a PID reused after a crash (PID 1 in a container)").doesNotExist();
        assertThat(dataDir.resolve("tmp").resolve("loose.part")).doesNotExist();
        assertThat(temp.dir()).exists().isEmptyDirectory();
    }

    @Test
    void twoInstancesInOneProcessKeepEachOthersFolders() throws IOException {
        TempFiles first = new TempFiles(new TeammusicProperties(dataDir, null));
        Files.writeString(first.dir().resolve("up-1.part"), "in flight");

        TempFiles second = new TempFiles(new TeammusicProperties(dataDir, null));

        assertThat(first.dir().resolve("up-1.part")).exists();
        assertThat(second.dir()).isNotEqualTo(first.dir());
    }

    @Test
    void aStreamOverTheLimitIsCutOffAndItsFileRemoved() {
        TempFiles temp = new TempFiles(new TeammusicProperties(dataDir, null));

        assertThatThrownBy(() -> temp.receive(new ByteArrayInputStream(new byte[5000]), "big", 4096))
                .isInstanceOf(IngestRejection.class);
        assertThat(temp.dir()).isEmptyDirectory();
    }

    @Test
    void aBrokenStreamLeavesNoFile() {
        TempFiles temp = new TempFiles(new TeammusicProperties(dataDir, null));
        InputStream breaks = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (++n > 1000) {
                    throw new IOException("connection reset");
                }
                return 1;
            }
        };

        assertThatThrownBy(() -> temp.receive(breaks, "x", 1 << 20)).isInstanceOf(IOException.class);
        assertThat(temp.dir()).isEmptyDirectory();
    }

    @Test
    void aCompleteStreamIsHashedWhileWritten() throws IOException {
        TempFiles temp = new TempFiles(new TeammusicProperties(dataDir, null));

        Received r = temp.receive(new ByteArrayInputStream("abc".getBytes()), "abc.txt", 100);

        assertThat(r.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(r.size()).isEqualTo(3);
        assertThat(Files.readString(r.file())).isEqualTo("abc");
    }
}
