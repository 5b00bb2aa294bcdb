import java.util.List;
import java.util.Random;

/** Word lists for synthetic names, per script, and a seeded way to draw from them. Shared by generator and runner. */
final class Words {

    static final List<String> LATIN = List.of("love", "night", "heart", "dream", "fire", "rain", "summer", "blue",
            "golden", "river", "shadow", "light", "midnight", "forever", "wild", "electric", "silver", "ocean",
            "dance", "home", "road", "song", "morning", "storm", "glass", "paper", "winter", "echo", "velvet",
            "thunder", "garden", "stranger", "city", "fever", "wonder", "angel", "ghost", "island", "mirror",
            "café", "corazón", "canción", "niño", "mañana", "über", "straße", "schön", "mädchen", "amour",
            "été", "rêve", "fenêtre", "cœur", "déjà", "naïve", "crème", "señorita", "ação", "canção", "coração",
            "saudade", "přítel", "łódź", "żółw", "smörgås", "fjäll", "øya", "ísland", "beyoncé", "zoë", "noël",
            "façade", "piñata", "jalapeño", "müller", "göteborg", "kärlek", "sœur", "volcán", "música", "niña");
    static final List<String> CYRILLIC = List.of("любовь", "ночь", "сердце", "звезда", "ёлка", "берёза",
            "весна", "дорога", "песня", "город", "река", "небо", "солнце", "мечта", "огонь", "зима", "осень",
            "ветер", "море", "тишина", "счастье", "жёлтый", "лёд", "мёд", "кино", "группа", "память", "свет");
    static final List<String> JAPANESE = List.of("夜", "駆ける", "愛", "桜", "東京", "恋", "心", "空", "花火", "雨",
            "君の名は", "さくら", "ありがとう", "夢", "星", "風", "海", "月", "光", "涙", "季節", "約束", "未来",
            "天使", "テーゼ", "ラブソング", "メロディー", "サヨナラ", "ひかり", "きみ", "残酷な", "青春", "宇宙",
            "少年", "少女", "永遠", "銀河", "白い", "赤い", "歌", "恋人", "世界", "奇跡", "ドライブ", "ハート");
    static final List<String> THAI = List.of("รัก", "ใจ", "คืน", "ฝน", "ดาว", "ทะเล", "ความฝัน", "สวัสดี",
            "ชาวโลก", "เพลง", "คิดถึง", "หัวใจ", "ตลอดไป", "เธอ", "ฉัน", "แสงดาว", "ลมหนาว", "ดอกไม้", "น้ำตา");
    static final List<String> FIRST = List.of("Anna", "José", "Zoë", "Björk", "Renée", "Chloé", "Søren", "Łukasz",
            "Dmitri", "Алла", "Виктор", "Борис", "Hikaru", "Yui", "宇多田", "米津", "椎名", "Somchai", "สมชาย",
            "Max", "Léa", "Inés", "Jürgen", "André", "Noémie", "Ólafur", "Sigur", "Ibrahim", "Mei", "Kenji");
    static final List<String> LAST = List.of("Martín", "Dupré", "Núñez", "Køhler", "Wójcik", "Müller", "Öberg",
            "Petrov", "Иванов", "Смирнова", "Utada", "ヒカル", "玄師", "林檎", "Boonmee", "ใจดี", "Smith", "Brown",
            "Beyoncé", "Gaga", "Lefèvre", "Ramírez", "Čapek", "Dvořák", "Novák", "Ström", "García", "Sørensen");

    private Words() {
    }

    static String pick(Random r, List<String> list) {
        return list.get(r.nextInt(list.size()));
    }

    /** A title in one script: 55% Latin (with accents), 15% Cyrillic, 20% Japanese, 10% Thai. */
    static String title(Random r, int words) {
        int script = r.nextInt(100);
        List<String> list = script < 55 ? LATIN : script < 70 ? CYRILLIC : script < 90 ? JAPANESE : THAI;
        boolean spaced = list == LATIN || list == CYRILLIC || r.nextInt(4) == 0;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0 && spaced) {
                b.append(' ');
            }
            String w = pick(r, list);
            b.append(i == 0 && r.nextBoolean() ? capitalize(w) : w);
        }
        return b.toString();
    }

    static String capitalize(String w) {
        return w.isEmpty() ? w : w.substring(0, 1).toUpperCase() + w.substring(1);
    }
}
