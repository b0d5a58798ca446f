// Prints java.net.URLEncoder.encode(s, "UTF-8") for each argument, given as the hex of its UTF-8
// bytes (so the command line's own encoding plays no part), one result a line. Run by
// tests/vectors/generate.py to check its reproduction of URLEncoder with urllib.parse.
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

public class UrlEncode {
    public static void main(String[] args) throws Exception {
        for (String hex : args) {
            byte[] bytes = new byte[hex.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
            }
            System.out.println(URLEncoder.encode(new String(bytes, StandardCharsets.UTF_8), "UTF-8"));
        }
    }
}
