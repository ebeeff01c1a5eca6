# Pictures of the course 모바일 금융과 사기 예방: made-up scam messages and the practice bank
# app 두레은행 (invented). Links and numbers in them are fake on purpose.

BANK = "#1B5E20"


def sms(name, sender, lines, link=None, warn=None):
    s, _ = phone(name)
    app_bar(s, sender, color=LIGHT, text=INK)
    s.rect(580, 230, 420, 60 + 50 * len(lines) + (60 if link else 0), LIGHT, rx=24)
    for i, ln in enumerate(lines):
        s.text(600, 275 + i * 50, ln, 30, INK, anchor="start")
    if link:
        s.text(600, 275 + len(lines) * 50 + 10, link, 30, BLUE, anchor="start", bold=True)
    if warn:
        note(s, 1100, 330, 450, 220, warn, 40, fill=PINK, color=RED)
    return s


sms("sms-parcel", "010-8765-4321", ["[택배] 주소가 확인되지", "않아 배송이 멈췄습니다.",
                                     "아래에서 주소를 고쳐", "주세요."],
    link="http://tb-kr.xyz/a1", warn="모르는 번호\n+ 누르라는 주소\n= 사기 의심")
sms("sms-family", "010-2345-6789", ["엄마 나야. 폰 액정이", "깨져서 임시폰으로", "연락해. 급하게 돈", "보낼 데가 있는데",
                                    "상품권 좀 사 줘"], warn="가족이라도\n먼저 전화로\n확인하세요")
sms("sms-bank", "두레은행", ["[두레은행] 11월 25일", "카드 대금 52,300원이", "출금될 예정입니다.",
                            "문의: 두레은행 대표번호"])

s = Screen("phishing-call", bg=LIGHT)
icon_phone(s, 420, 450, 230)
s.text(420, 450, "검찰청\n수사관", 40, INK, bold=True)
for i, t in enumerate(["\"계좌가 범죄에 쓰였습니다\"", "\"돈을 안전한 계좌로 옮기세요\"",
                       "\"앱을 깔고 시키는 대로 하세요\""]):
    s.rect(700, 170 + i * 170, 820, 130, PAPER, rx=30, stroke=RED, sw=5)
    s.text(1110, 235 + i * 170, t, 42, INK, bold=True)
s.text(1110, 760, "이런 전화는 모두 사기입니다. 끊으세요!", 48, RED, bold=True)

s = Screen("help-numbers", bg=LIGHT)
for i, (num, what, color) in enumerate([("112", "경찰 신고\n(돈을 보냈다면 지급정지 요청)", BLUE),
                                        ("1332", "금융감독원\n(금융 사기 상담)", GREEN)]):
    x = 120 + i * 700
    s.rect(x, 150, 660, 560, PAPER, rx=40, stroke=color, sw=8)
    s.text(x + 330, 330, num, 160, color, bold=True)
    s.text(x + 330, 560, what, 40, INK, bold=True)
s.text(800, 800, "돈을 보냈다면 바로 112에 전화하세요", 52, RED, bold=True)

s, _ = phone("bank-home")
app_bar(s, "두레은행", color=BANK, back=False)
s.rect(580, 220, 440, 180, MINT, rx=20)
s.text(600, 265, "입출금 통장", 30, GREY, anchor="start")
s.text(1000, 340, "1,250,000원", 46, INK, anchor="end", bold=True)
s.button("transfer", 580, 430, 210, 150, "이체", fill=BANK, size=44)
s.button("history", 810, 430, 210, 150, "거래내역", fill=LIGHT, color=INK, size=36)
s.button("loan", 580, 600, 440, 110, "대출 상담", fill=LIGHT, color=INK, size=36)

s, _ = phone("bank-form")
app_bar(s, "이체", color=BANK)
for i, (label, value) in enumerate([("받는 은행", "두레은행"), ("계좌번호", "123-456-789012"),
                                    ("보낼 금액", "50,000원")]):
    y = 220 + i * 130
    s.text(590, y + 20, label, 28, GREY, anchor="start")
    s.rect(580, y + 40, 440, 75, LIGHT, rx=12)
    s.text(600, y + 78, value, 34, INK, anchor="start", bold=True)
s.button("next", 580, 700, 440, 110, "다음", fill=BANK, size=44)

s, _ = phone("bank-confirm")
app_bar(s, "이체 확인", color=BANK)
s.text(800, 260, "받는 분", 32, GREY)
s.text(800, 330, "김민지", 64, INK, bold=True)
s.text(800, 420, "두레은행 123-456-789012", 30, INK)
s.text(800, 490, "50,000원을 보낼까요?", 40, BANK, bold=True)
s.button("cancel", 580, 680, 200, 120, "취소", fill=LIGHT, color=INK, size=40)
s.button("send", 800, 680, 220, 120, "보내기", fill=BANK, size=40)
note(s, 1100, 300, 450, 200, "받는 분 이름이\n맞는지 꼭\n확인하세요", 40)
