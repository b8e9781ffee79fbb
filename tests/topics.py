"""Every topic of the source text (../shared/seed/) and the page that covers it.

A topic dropped from the site, or a page that stops being found by the words people type,
fails tests/test_site.py (page and terms) and tests/test_browser.py (search).
Each row: (topic, page source path, words the page must contain, unspaced search query that
must return that page first).
"""

TOPICS = [
    # Mail
    ("送信者のアドレスが拒否される (全角・日本語入力)", "mail/sender-rejected.md", ["全角", "日本語入力"], "送信者のメールアドレスが拒否"),
    ("相手に届いていないと言われた", "mail/not-received.md", ["送信済み", "自分自身のアドレス"], "届いていないと言われた"),
    ("分かりにくい英文のエラーメール", "mail/bounce.md", ["5.1.1", "Diagnostic-Code"], "エラーメールの読み方"),
    ("宛先・自分のアドレスの間違い", "mail/wrong-address.md", ["宛先", "自分のメールアドレス"], "アドレスの間違い"),
    ("送信済みにあるのに送れていない", "mail/stuck-in-sent.md", ["送信済み", "ウイルス"], "送信済みなのに届かない"),
    ("インターネットにつながらない (接続ツール・アクセスポイント)", "network/no-internet.md", ["接続ツール", "アクセスポイント"], "インターネットにつながらない"),
    ("POP before SMTP", "mail/pop-before-smtp.md", ["POP before SMTP", "SMTP 認証"], "POP before SMTP"),
    ("SMTP AUTH と 587/465", "mail/smtp-auth.md", ["587", "465", "OAuth"], "SMTP認証"),
    ("勤務先や外部から送れない (OP25B)", "mail/blocked-ports.md", ["OP25B", "587"], "OP25B"),
    ("勤務先や外部から受信できない (995/993、検査装置)", "mail/receive.md", ["995", "993", "勤務先", "IMAP"], "メールが受信できない"),
    ("迷惑メール設定 (SPF/DKIM/DMARC)", "mail/spam-settings.md", ["迷惑メール", "SPF", "DKIM", "DMARC"], "迷惑メール設定"),
    ("メールの送受信ができない (総合)", "mail/index.md", ["送信", "受信"], "メール送信"),
    # Network checks
    ("ipconfig /all, /release, /renew と APIPA", "network/ipconfig.md", ["ipconfig /all", "/renew", "/release", "169.254", "winipcfg"], "IPアドレス取得"),
    ("ping の順番", "network/ping.md", ["127.0.0.1", "ゲートウェイ", "ICMP"], "ping"),
    ("tracert", "network/tracert.md", ["tracert", "Destination net unreachable"], "tracert"),
    ("route print", "network/route.md", ["route print", "0.0.0.0"], "ルーティングテーブル"),
    ("netstat -ano / -an", "network/netstat.md", ["netstat -ano", "LISTENING", "ESTABLISHED", "TIME_WAIT"], "netstat"),
    ("tasklist /svc /fi", "network/tasklist.md", ["tasklist /svc", "pid eq"], "tasklist"),
    ("arp -a", "network/arp.md", ["arp -a", "MAC"], "ARPテーブル"),
    ("nslookup", "network/nslookup.md", ["nslookup", "UnKnown"], "nslookup"),
    ("サービスのポートへの接続 (telnet → Test-NetConnection)", "network/port-check.md", ["telnet", "Test-NetConnection"], "Test-NetConnection"),
    ("nbtstat -n / -a / -c", "network/nbtstat.md", ["nbtstat -n", "nbtstat -a", "nbtstat -c"], "nbtstat"),
    ("net view", "network/net-view.md", ["net view"], "net view"),
    # How it works
    ("DHCP", "how-it-works/dhcp.md", ["255.255.255.255", "0.0.0.0", "MAC アドレス", "リレー"], "DHCP"),
    ("PPPoE (フレッツ)・PPPoA・DHCP と MAC 認証の回線 (CATV, eo光)", "how-it-works/pppoe.md", ["PPPoE", "PPPoA", "フレッツ"], "PPPoE"),
    ("ARP", "how-it-works/arp.md", ["ARP", "ブロードキャスト"], "MACアドレスを調べる"),
    # Site furniture
    ("用語集", "glossary.md", ["APIPA", "OP25B", "STARTTLS"], "用語集"),
    ("貼り付けて診断", "explain/index.md", ["貼り付け"], "貼り付けて診断"),
]

# Queries from the issue that must work although they are written without spaces.
UNSPACED_QUERIES = [
    ("メール送信", None),
    ("送信できない", None),
    ("迷惑メール設定", "mail/spam-settings.md"),
    ("IPアドレス取得", "network/ipconfig.md"),
    ("0x800CCC0F", "mail/error-codes.md"),
    ("エラーコード一覧", "mail/error-codes.md"),
]
