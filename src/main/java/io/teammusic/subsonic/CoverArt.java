package io.teammusic.subsonic;

import io.teammusic.shared.TeammusicProperties;
import io.teammusic.storage.BlobStore;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Cover pictures for getCoverArt. With {@code size}, the picture is scaled to fit in size x size (never up) and the
 * result kept on disk, as players ask for the same few sizes over and over. Without it, the original is sent.
 */
@Component
class CoverArt {

    private static final Logger log = LoggerFactory.getLogger(CoverArt.class);
    static final int MAX_SIZE = 2048;

    record Image(Resource resource, String mimeType, String etag) {
    }

    private final LibraryQueries library;
    private final BlobStore blobs;
    private final Path cacheDir;

    CoverArt(LibraryQueries library, BlobStore blobs, TeammusicProperties app) {
        this.library = library;
        this.blobs = blobs;
        this.cacheDir = app.dataDir().resolve("cache").resolve("covers");
    }

    Optional<Image> image(String id, Integer size) throws IOException {
        Optional<String> hash = library.coverHash(id);
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        String h = hash.get();
        Optional<Long> length = blobs.size(h);
        if (length.isEmpty()) {
            return Optional.empty();
        }
        String mime = library.coverMime(h).orElse("image/jpeg");
        if (size == null || size <= 0) {
            return Optional.of(new Image(original(h, length.get()), mime, "\"" + h + "\""));
        }
        int target = Math.min(size, MAX_SIZE);
        Path dir = cacheDir.resolve(h.substring(0, Math.min(2, h.length())));
        Path cached = dir.resolve(h + "-" + target + ".jpg");
        Path cachedPng = dir.resolve(h + "-" + target + ".png");
        if (Files.exists(cachedPng)) {
            cached = cachedPng;
        } else if (!Files.exists(cached)) {
            BufferedImage src;
            try (InputStream in = blobs.open(h, 0, length.get())) {
                src = ImageIO.read(in);
            }
            if (src == null) {
                // A format ImageIO cannot read (webp, say): the original is still a picture the client can show.
                log.debug("Cover {} is in a format ImageIO cannot scale; sending it as it is", h);
                return Optional.of(new Image(original(h, length.get()), mime, "\"" + h + "\""));
            }
            if (Math.max(src.getWidth(), src.getHeight()) <= target) {
                return Optional.of(new Image(original(h, length.get()), mime, "\"" + h + "\""));
            }
            BufferedImage scaled = scale(src, target);
            // Photos compress far better as JPEG; only a picture with transparency needs PNG.
            boolean alpha = scaled.getColorModel().hasAlpha();
            cached = alpha ? cachedPng : cached;
            write(scaled, alpha ? "png" : "jpg", cached);
        }
        String type = cached.getFileName().toString().endsWith(".png") ? "image/png" : "image/jpeg";
        return Optional.of(new Image(new FileSystemResource(cached), type, "\"" + h + "-" + target + "\""));
    }

    private Resource original(String hash, long length) throws IOException {
        Optional<Path> local = blobs.localFile(hash);
        if (local.isPresent()) {
            return new FileSystemResource(local.get());
        }
        return new InputStreamResource(blobs.open(hash, 0, length));
    }

    static BufferedImage scale(BufferedImage src, int target) {
        double f = (double) target / Math.max(src.getWidth(), src.getHeight());
        int w = Math.max(1, (int) Math.round(src.getWidth() * f));
        int h = Math.max(1, (int) Math.round(src.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, src.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void write(BufferedImage img, String format, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".cover-", ".tmp");
        try {
            ImageIO.write(img, format, tmp.toFile());
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
