# Pictures of the course 디지털 지역활동가 양성 과정 (run scripts/illustrate to redraw the SVGs).
# The kiosks, apps and brands drawn here are invented for this course.

HELPER = "#2E7D5B"     # the activist's colour in the pictures
ELDER = "#7A5C99"      # the older neighbour's colour


def speech(s, x, y, w, h, text, size=40, fill=PAPER, tail="left", stroke=LINE):
    """A speech bubble whose tail points down-left or down-right."""
    s.rect(x, y, w, h, fill, rx=30, stroke=stroke, sw=4)
    tx = x + 70 if tail == "left" else x + w - 70
    d = -1 if tail == "left" else 1
    s.poly([(tx - 25, y + h - 2), (tx + 25, y + h - 2), (tx + d * 40, y + h + 50)], fill,
           stroke=stroke, sw=4)
    s.rect(tx - 22, y + h - 8, 44, 8, fill)
    s.text(x + w / 2, y + h / 2, text, size, INK, bold=True)


def mark_no(s, cx, cy, r):
    """A red circle with a slash: 'do not'."""
    s.circle(cx, cy, r, "none", stroke=RED, sw=r * .16)
    s.line(cx - r * .7, cy - r * .7, cx + r * .7, cy + r * .7, RED, r * .16)


def mark_ok(s, cx, cy, r):
    s.circle(cx, cy, r, GREEN)
    s.path(f"M {cx - r * .45} {cy} l {r * .3} {r * .32} l {r * .6} {r * .6 * -1.1}",
           stroke=PAPER, sw=r * .2)


# --- 어르신 눈높이로 설명하기 -------------------------------------------------------------

# The activist sits beside the neighbour, the phone between them, in the neighbour's hands.
s = Screen("sit-beside", bg=CREAM)
s.rect(0, 700, W, 200, "#E8D9B5")
icon_person(s, 560, 520, 230, fill=ELDER)
icon_person(s, 1040, 520, 230, fill=HELPER)
icon_phone(s, 700, 640, 70)
s.text(560, 820, "어르신", 48, INK, bold=True)
s.text(1040, 820, "활동가", 48, INK, bold=True)
speech(s, 820, 70, 640, 150, "천천히 같이 해 볼까요?", 44, tail="left")
note(s, 80, 80, 560, 140, "옆에 앉아서,\n휴대전화는 어르신 손에", 38, fill=MINT)

# Plain words instead of jargon.
s = Screen("easy-words", bg=LIGHT)
s.text(800, 90, "이렇게 바꿔 말해요", 60, INK, bold=True)
s.text(420, 200, "어려운 말", 46, RED, bold=True)
s.text(1180, 200, "쉬운 말", 46, GREEN, bold=True)
PAIRS = [("앱을 실행하세요", "그림을 한 번 누르세요"), ("스와이프하세요", "옆으로 쓱 미세요"),
         ("업데이트하세요", "새것으로 바꾸세요"), ("로그인하세요", "내 이름으로 들어가세요")]
for i, (hard, easy) in enumerate(PAIRS):
    y = 250 + i * 150
    s.rect(120, y, 600, 120, PINK, rx=24)
    s.text(420, y + 60, hard, 42, INK)
    s.path(f"M 760 {y + 60} H 840 M 840 {y + 60} l -25 -22 M 840 {y + 60} l -25 22",
           stroke=GREY, sw=8)
    s.rect(880, y, 600, 120, MINT, rx=24)
    s.text(1180, y + 60, easy, 42, INK, bold=True)

# One thing at a time, and let them press.
s = Screen("one-step", bg=PAPER)
s.text(800, 100, "한 번에 한 가지씩", 64, INK, bold=True)
for i, (label, sub) in enumerate([("하나", "보여 드리기"), ("둘", "직접 눌러 보시기"),
                                   ("셋", "잘하셨다고 말하기")]):
    x = 110 + i * 480
    s.rect(x, 230, 420, 420, SKY if i != 1 else MINT, rx=40, stroke=LINE, sw=4)
    s.circle(x + 210, 340, 70, BLUE if i != 1 else GREEN)
    s.text(x + 210, 340, label, 48, PAPER, bold=True)
    s.text(x + 210, 520, sub, 44, INK, bold=True)
    if i < 2:
        s.path(f"M {x + 435} 440 h 30 m 0 0 l -18 -16 m 18 16 l -18 16", stroke=GREY, sw=8)
s.text(800, 760, "손은 어르신이, 말은 활동가가", 54, HELPER, bold=True)

# Three ways to answer the same question asked again: the choice is a simulation.
s = Screen("answer-again", bg=LIGHT)
icon_person(s, 200, 250, 150, fill=ELDER)
speech(s, 330, 60, 900, 150, "아까 그거 어떻게 한다고 했지요?", 46, tail="left")
s.text(800, 340, "세 번째로 같은 것을 물으십니다. 어떻게 답할까요?", 40, GREY)
s.button("told-you", 200, 400, 1200, 130, "\"아까 말씀드렸잖아요.\"", fill=PAPER, color=INK,
         size=46, stroke=LINE, sw=4, bold=False)
s.button("again", 200, 560, 1200, 130, "\"괜찮아요. 같이 처음부터 다시 해 봐요.\"", fill=PAPER,
         color=INK, size=46, stroke=LINE, sw=4, bold=False)
s.button("do-it", 200, 720, 1200, 130, "\"복잡하니까 제가 해 드릴게요.\"", fill=PAPER, color=INK,
         size=46, stroke=LINE, sw=4, bold=False)

# --- 자주 받는 질문 ----------------------------------------------------------------------

# The questions neighbours ask most.
s = Screen("faq-board", bg=CREAM)
s.text(800, 90, "자주 받는 질문", 64, INK, bold=True)
QS = ["글자가 너무 작아요", "소리가 안 나요", "비밀번호를 잊어버렸어요", "이상한 문자가 왔어요",
      "사진을 보내고 싶어요", "화면이 안 켜져요"]
for i, q in enumerate(QS):
    x = 110 + (i % 2) * 720
    y = 190 + (i // 2) * 220
    s.rect(x, y, 660, 180, PAPER, rx=30, stroke=LINE, sw=4)
    s.circle(x + 80, y + 90, 44, ELDER)
    s.text(x + 80, y + 90, "?", 52, PAPER, bold=True)
    s.text(x + 150, y + 90, q, 42, INK, anchor="start", bold=True)

# "소리가 안 나요": the quick panel pulled down from the top, with 무음 switched on.
s, _ = phone("quick-panel", screen="#DDE7F7")
s.rect(560, 70, 480, 470, "#2F3542", rx=10)
s.text(800, 130, "빠른 설정", 36, PAPER, bold=True)
TILES = [("wifi", "와이파이", False), ("mute", "무음", True), ("torch", "손전등", False),
         ("rotate", "자동 회전", False), ("bluetooth", "블루투스", False), ("plane", "비행기", False)]
for i, (key, label, on) in enumerate(TILES):
    x = 590 + (i % 3) * 150
    y = 175 + (i // 3) * 170
    s.button(key, x, y, 120, 120, "", fill=YELLOW if on else "#57606F", rx=60)
    if key == "mute":
        icon_speaker(s, x + 68, y + 60, 34, fill=INK, waves=0)
        s.line(x + 30, y + 25, x + 95, y + 95, INK, 7)
    s.text(x + 60, y + 145, label, 26, PAPER, bold=on)
s.rect(760, 520, 80, 8, "#A4B0BE", rx=4)
note(s, 1110, 230, 440, 150, "노란색 = 켜져 있음\n무음이 켜져 있어요", 34, fill=CREAM)

# "이상한 문자가 왔어요": an invented suspicious message.
s, _ = phone("odd-message", screen=PAPER)
app_bar(s, "010-9876-5432", color="#3C4043")
s.rect(590, 240, 400, 300, LIGHT, rx=24)
s.text(790, 390, "[택배] 주소가 틀려\n배송이 멈췄습니다.\n주소 확인:\nhttp://dlvr-kr.top/a9", 32,
       INK)
icon_warning(s, 800, 660, 70)
note(s, 1100, 230, 450, 170, "모르는 주소는\n누르지 않아요", 44, fill=PINK)
note(s, 1100, 450, 450, 170, "의심되면\n112 또는 1332", 44, fill=MINT)

# "비밀번호를 잊어버렸어요": the neighbour does it, the activist only shows where.
s = Screen("own-password", bg=LIGHT)
icon_person(s, 330, 480, 220, fill=ELDER)
icon_person(s, 1270, 480, 220, fill=HELPER)
icon_phone(s, 560, 560, 100)
for i in range(4):
    s.circle(530 + i * 20, 560, 6, INK)
s.path("M 1080 380 q 60 -80 120 -10", stroke=GREY, sw=8)
s.path("M 1080 380 l 30 -30 M 1080 380 l 40 5", stroke=GREY, sw=8)
s.text(1270, 780, "고개를 돌려요", 46, HELPER, bold=True)
s.text(330, 780, "직접 누르세요", 46, ELDER, bold=True)
note(s, 560, 70, 480, 140, "비밀번호는\n본인만 알아요", 44, fill=CREAM)

# --- 키오스크 사용 도와드리기 -------------------------------------------------------------
CAFE = "#6B3E26"

# Standing beside the kiosk; the neighbour's hand on the screen.
s = Screen("kiosk-beside", bg=LIGHT)
s.rect(0, 760, W, 140, "#D7CCC8")
s.rect(700, 80, 420, 680, "#37474F", rx=30)
s.rect(730, 110, 360, 440, PAPER, rx=10)
s.rect(730, 110, 360, 70, CAFE, rx=10)
s.text(910, 147, "햇살카페", 32, PAPER, bold=True)
for i in range(4):
    s.rect(750 + (i % 2) * 170, 200 + (i // 2) * 170, 150, 150, CREAM, rx=12)
icon_person(s, 520, 520, 230, fill=ELDER)
icon_person(s, 1300, 560, 200, fill=HELPER)
speech(s, 1150, 100, 420, 140, "천천히 하세요", 42, tail="right")
s.text(520, 820, "어르신이 누르고", 44, INK, bold=True)
s.text(1300, 820, "활동가는 옆에서", 44, INK, bold=True)

# The café kiosk: the "would you like cake too?" offer.
s = kiosk("upsell", "햇살카페", color=CAFE, title="메뉴 선택")
for i, (name, price, icon) in enumerate([("아메리카노", "3,000원", icon_cup),
                                          ("라떼", "3,500원", icon_cup),
                                          ("아이스티", "3,000원", icon_iced)]):
    s.rect(80 + i * 360, 180, 320, 300, PAPER, rx=18, stroke=LINE, sw=3)
    icon(s, 240 + i * 360, 290, 70)
    s.text(240 + i * 360, 400, name, 38, INK, bold=True)
    s.text(240 + i * 360, 445, price, 32, GREY)
popup(s, 400, 200, 800, 560, "케이크도 함께 드시겠어요?", "지금 추가하면 1,000원 할인!")
icon_cake(s, 800, 480, 80)
s.button("add", 450, 620, 330, 110, "추가하기", fill=CAFE, size=44)
s.button("skip", 820, 620, 330, 110, "선택 안 함", fill=LIGHT, color=INK, size=44, stroke=LINE,
         sw=3)

# The time-out warning.
s = kiosk("timeout", "햇살카페", color=CAFE, title="장바구니")
s.rect(80, 180, 1440, 110, LIGHT, rx=16)
s.text(120, 235, "아메리카노 1잔", 40, INK, anchor="start", bold=True)
s.text(1480, 235, "3,000원", 40, INK, anchor="end", bold=True)
popup(s, 400, 220, 800, 520, "남은 시간 10초", "계속 주문하시려면\n'계속하기'를 눌러 주세요.")
s.button("home", 450, 590, 330, 110, "처음으로", fill=LIGHT, color=INK, size=44, stroke=LINE,
         sw=3)
s.button("continue", 820, 590, 330, 110, "계속하기", fill=CAFE, size=44)

# Paying: the neighbour puts the card in; the activist never takes it.
s = kiosk("kiosk-pay", "햇살카페", color=CAFE, title="결제")
s.text(800, 200, "결제 금액 3,000원", 50, INK, bold=True)
s.rect(120, 270, 640, 400, CREAM, rx=24, stroke=LINE, sw=3)
icon_card(s, 440, 420, 120)
s.text(440, 600, "카드를 꽂아 주세요", 42, INK, bold=True)
s.rect(840, 270, 640, 400, CREAM, rx=24, stroke=LINE, sw=3)
s.path("M 1160 320 V 560 M 1160 560 l -40 -40 M 1160 560 l 40 -40", stroke=CAFE, sw=14)
s.rect(1010, 575, 300, 30, INK, rx=10)
s.text(1160, 635, "카드 넣는 곳", 38, INK, bold=True)
note(s, 120, 700, 1360, 140, "카드는 어르신이 직접 꽂고, 직접 빼서 챙기시게 합니다", 44,
     fill=MINT)

# The back button: the kiosk's way out of a wrong screen.
s = kiosk("back-button", "햇살카페", color=CAFE, title="옵션 선택")
s.hotspots.append(("home-top", 1330, 46, 200, 66))   # the frame's own 처음으로 button
s.text(800, 210, "아메리카노", 50, INK, bold=True)
for i, (key, label) in enumerate([("hot", "따뜻하게"), ("ice", "차갑게")]):
    s.button(key, 220 + i * 620, 280, 540, 150, label, fill=PAPER, color=INK, size=48,
             stroke=LINE, sw=4)
for i, (key, label) in enumerate([("small", "작은 컵"), ("large", "큰 컵 +500원")]):
    s.button(key, 220 + i * 620, 470, 540, 150, label, fill=PAPER, color=INK, size=48,
             stroke=LINE, sw=4)
s.button("back", 80, 700, 380, 130, "이전", fill=LIGHT, color=INK, size=48, stroke=LINE, sw=4)
s.button("cart", 1140, 700, 380, 130, "담기", fill=CAFE, size=48)

# --- 개인정보 지키기 --------------------------------------------------------------------

# Three things never to ask for or write down.
s = Screen("never-ask", bg=PAPER)
s.text(800, 100, "묻지도, 적지도 않아요", 64, RED, bold=True)
for i, (label, sub) in enumerate([("주민등록번호", "900101-1******"), ("비밀번호", "● ● ● ●"),
                                   ("카드 번호", "1234 **** ****")]):
    cx = 300 + i * 500
    s.rect(cx - 220, 200, 440, 480, LIGHT, rx=30)
    if i == 0:
        icon_person(s, cx, 360, 90)
    elif i == 1:
        icon_lock(s, cx, 360, 90)
    else:
        icon_card(s, cx, 360, 100)
    mark_no(s, cx, 360, 130)
    s.text(cx, 560, label, 48, INK, bold=True)
    s.text(cx, 630, sub, 34, GREY)
s.text(800, 780, "어르신이 직접 입력하시게 하고, 그동안 고개를 돌립니다", 44, INK, bold=True)

# Writing on paper: what may be written and what may not.
s = Screen("memo", bg=LIGHT)
s.rect(170, 120, 560, 680, CREAM, rx=16, stroke=LINE, sw=4)
s.text(450, 200, "이렇게 적어 드려요", 40, GREEN, bold=True)
for i, ln in enumerate(["1. 노란 그림 누르기", "2. 아래 '보내기' 누르기", "3. 사진 고르기"]):
    s.text(210, 300 + i * 90, ln, 40, INK, anchor="start")
mark_ok(s, 450, 660, 70)
s.rect(870, 120, 560, 680, CREAM, rx=16, stroke=LINE, sw=4)
s.text(1150, 200, "이건 적지 않아요", 40, RED, bold=True)
for i, ln in enumerate(["비밀번호: ●●●●", "카드 번호: ●●●●", "주민번호: ●●●●"]):
    s.text(910, 300 + i * 90, ln, 40, GREY, anchor="start")
mark_no(s, 1150, 660, 80)

# Logging out of the center's shared kiosk after helping.
s = kiosk("shared-logout", "배움터 공용 단말기", color=DARKBLUE, title="내 정보", home=False)
s.rect(80, 180, 900, 640, LIGHT, rx=20)
icon_person(s, 260, 360, 110)
s.text(420, 300, "김순자 님", 50, INK, anchor="start", bold=True)
s.text(420, 380, "민원 서류 1건 발급 완료", 38, GREY, anchor="start")
s.rect(120, 520, 820, 8, LINE)
s.text(160, 620, "다 쓰셨으면 꼭 나가기를\n눌러 주세요.", 40, INK, anchor="start")
s.button("print", 1060, 200, 440, 150, "다시 인쇄", fill=PAPER, color=INK, size=46, stroke=LINE,
         sw=4)
s.button("more", 1060, 400, 440, 150, "다른 서류 발급", fill=PAPER, color=INK, size=46,
         stroke=LINE, sw=4)
s.button("logout", 1060, 600, 440, 150, "나가기(로그아웃)", fill=RED, size=44)

# Photos of a screen or an ID card: not taken.
s = Screen("no-photo", bg=CREAM)
icon_doc(s, 480, 430, 220)
s.text(480, 430, "신분증", 48, INK, bold=True)
icon_camera(s, 1000, 400, 150, fill=GREY)
mark_no(s, 1000, 420, 230)
s.text(800, 790, "신분증이나 화면을 내 휴대전화로 찍지 않아요", 50, INK, bold=True)

# --- 평가 ----------------------------------------------------------------------------
s = Screen("exam", bg=MINT)
s.rect(450, 110, 700, 560, PAPER, rx=30, stroke=HELPER, sw=10)
s.text(800, 230, "디지털 지역활동가", 58, HELPER, bold=True)
s.text(800, 330, "평가", 80, INK, bold=True)
s.circle(800, 520, 90, YELLOW, stroke=ORANGE, sw=8)
s.poly([(740, 590), (700, 740), (760, 710), (790, 760), (800, 610)], RED)
s.poly([(860, 590), (900, 740), (840, 710), (810, 760), (800, 610)], RED)
s.circle(800, 520, 90, YELLOW, stroke=ORANGE, sw=8)
s.path("M 755 520 l 30 32 l 60 -66", stroke=GREEN, sw=18)
s.text(800, 820, "열 문제 중 여덟 문제를 처음에 맞히면 통과입니다", 44, INK, bold=True)
