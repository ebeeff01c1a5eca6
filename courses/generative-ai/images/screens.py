# Pictures of the course 생성형 AI 써보기 (run scripts/illustrate generative-ai to redraw).
# The chat app "척척박사" is invented for this course; it imitates no real product.

PURPLE = "#5B3CC4"
LAVENDER = "#ECE6FF"


def bubble(s, x, y, w, text, fill, color=INK, size=30, right=False):
    """A chat bubble whose top-left corner is (x, y); returns its bottom edge."""
    lines = text.split("\n")
    h = len(lines) * size * 1.3 + 36
    s.rect(x, y, w, h, fill, rx=22)
    anchor = "start"
    for i, ln in enumerate(lines):
        s.text(x + 22, y + 18 + size * 0.65 + i * size * 1.3, ln, size, color, anchor=anchor)
    return y + h


def chat_screen(name, typed=None, placeholder="여기에 질문을 쓰세요", send_fill=PURPLE):
    """The 척척박사 chat screen with its question box and send button."""
    s, _ = phone(name)
    app_bar(s, "척척박사", color=PURPLE, back=True)
    s.button("new-chat", 930, 122, 100, 66, "새 대화", fill=LAVENDER, color=PURPLE, size=24, rx=16)
    s.rect(560, 710, 480, 120, LIGHT)
    if typed:
        s.button("input", 572, 724, 300, 92, typed, fill=PAPER, color=INK, size=24, rx=18,
                 stroke=PURPLE, sw=4, bold=False)
    else:
        s.button("input", 572, 724, 300, 92, placeholder, fill=PAPER, color=GREY, size=24,
                 rx=18, stroke=LINE, sw=3, bold=False)
    s.button("send", 882, 724, 146, 92, "보내기", fill=send_fill, size=32)
    return s


# What AI is: a person asks, the program answers in sentences.
s = Screen("ai-intro", bg=LAVENDER)
icon_person(s, 330, 420, 190, fill="#7A5C3E")
s.text(330, 700, "나", 52, INK, bold=True)
icon_robot(s, 1270, 420, 190, fill=PURPLE)
s.text(1270, 700, "인공지능(AI)", 52, INK, bold=True)
bubble(s, 560, 170, 480, "오늘 저녁 반찬\n무엇이 좋을까요?", PAPER, size=40)
bubble(s, 560, 420, 480, "두부조림은 어떠세요?\n만드는 법도 알려\n드릴게요.", PURPLE, PAPER, size=40)
s.text(800, 820, "묻고 답하는 컴퓨터 프로그램", 54, INK, bold=True)

# The home screen with the 척척박사 app.
s, _ = phone("home-screen", screen="#DDE7F7")
APPS = [("phone", "전화", GREEN), ("message", "문자", BLUE), ("camera", "카메라", "#444B55"),
        ("ai", "척척박사", PURPLE), ("settings", "설정", "#5F6368"), ("gallery", "사진", ORANGE)]
for i, (key, label, color) in enumerate(APPS):
    x = 590 + (i % 3) * 150
    y = 150 + (i // 3) * 230
    s.rect(x, y, 120, 120, color, rx=30)
    if key == "camera":
        icon_camera(s, x + 60, y + 60, 36, fill=PAPER)
    elif key == "settings":
        icon_gear(s, x + 60, y + 60, 38, fill=PAPER)
    elif key == "phone":
        icon_handset(s, x + 60, y + 75, 40)
    elif key == "message":
        icon_chat(s, x + 60, y + 60, 38, fill=PAPER, stroke=PAPER)
    elif key == "ai":
        icon_robot(s, x + 60, y + 66, 44, fill=PAPER)
    else:
        s.circle(x + 40, y + 45, 14, YELLOW)
        s.poly([(x + 20, y + 100), (x + 60, y + 55), (x + 100, y + 100)], PAPER)
    s.text(x + 60, y + 160, label, 30, INK, bold=True)
    s.spot(key, x - 15, y - 10, 150, 200)
s.rect(580, 740, 440, 70, PAPER, rx=35)
s.text(800, 775, "검색", 30, GREY)

# The empty chat: where to write the question.
s = chat_screen("chat-empty")
icon_robot(s, 800, 330, 90, fill=PURPLE)
s.text(800, 470, "안녕하세요!\n무엇이든 물어보세요.", 36, INK, bold=True)
s.text(800, 620, "AI는 틀릴 수 있습니다.\n중요한 것은 꼭 확인하세요.", 24, GREY)
s.path("M 1060 770 H 1160", stroke=PURPLE, sw=8)
note(s, 1170, 700, 380, 140, "질문 쓰는 칸", 44, fill=LAVENDER)

# The question is written; now send it.
s = chat_screen("chat-typed", typed="된장찌개 끓이는 법을\n알려 주세요")
icon_robot(s, 800, 330, 90, fill=PURPLE)
s.text(800, 470, "안녕하세요!\n무엇이든 물어보세요.", 36, INK, bold=True)
s.path("M 1060 770 H 1160", stroke=PURPLE, sw=8)
note(s, 1170, 700, 380, 140, "다 썼으면\n보내기", 44, fill=LAVENDER)

# The answer arrives.
s = chat_screen("chat-answer")
bubble(s, 700, 225, 320, "된장찌개 끓이는 법을\n알려 주세요", LAVENDER, size=26)
bottom = bubble(s, 580, 345, 420, "1. 냄비에 멸치 육수를\n    끓입니다.\n2. 된장을 두 숟가락\n    풀어 줍니다.\n"
                "3. 감자, 호박, 두부를\n    넣고 10분 끓입니다.", PAPER, size=26)
s.rect(580, 345, 420, bottom - 345, "none", rx=22, stroke=LINE, sw=3)
note(s, 1110, 300, 440, 150, "질문은\n오른쪽 위에", 42, fill=LAVENDER)
note(s, 1110, 500, 440, 150, "AI의 대답은\n왼쪽에", 42, fill=CREAM)

# A confident but wrong answer about the health centre.
s = chat_screen("chat-wrong")
bubble(s, 690, 225, 330, "우리 군 보건소 독감\n주사는 언제 맞나요?", LAVENDER, size=26)
bottom = bubble(s, 580, 345, 420, "10월 5일 하루만\n무료로 맞을 수 있어요.\n오전 9시에 가시면\n됩니다.", PAPER, size=28)
s.rect(580, 345, 420, bottom - 345, "none", rx=22, stroke=LINE, sw=3)
icon_warning(s, 1340, 300, 110)
note(s, 1110, 470, 460, 250, "자신 있게 말해도\n틀릴 수 있어요.\n날짜와 장소는\n꼭 확인하세요!", 38, fill=PINK)

# A long answer: swipe up to read on.
s = chat_screen("chat-long")
bottom = bubble(s, 580, 215, 420, "무릎이 아플 때 도움이\n되는 운동입니다.\n1. 의자에 앉아 다리\n    펴기\n2. 벽 잡고 까치발 들기"
                "\n3. 누워서 다리 들기\n4. 천천히 걷기\n주의: 아프면 멈추고", PAPER, size=26)
s.rect(580, 215, 420, bottom - 215, "none", rx=22, stroke=LINE, sw=3)
s.path("M 1120 640 V 300 M 1120 300 l -35 40 M 1120 300 l 35 40", stroke=PURPLE, sw=12)
note(s, 1170, 380, 380, 190, "위로 밀면\n다음 내용", 44, fill=LAVENDER)

# Where to check an answer: the people and places that really know.
s = Screen("second-source", bg=PAPER)
s.text(800, 110, "AI의 답, 이렇게 확인하세요", 60, INK, bold=True)
for i, (label, sub, draw, fill) in enumerate([
        ("보건소·병원", "건강, 예방접종", "clinic", MINT),
        ("주민센터·관공서", "지원금, 서류", "office", SKY),
        ("가족·강사님", "모르는 것은\n물어보기", "family", CREAM)]):
    x = 110 + i * 480
    s.rect(x, 200, 420, 620, fill, rx=36, stroke=LINE, sw=3)
    if draw == "clinic":
        icon_house(s, x + 210, 400, 130, fill=GREEN)
        s.rect(x + 195, 330, 30, 90, PAPER)
        s.rect(x + 165, 360, 90, 30, PAPER)
    elif draw == "office":
        icon_house(s, x + 210, 400, 130, fill=BLUE)
    else:
        icon_person(s, x + 150, 400, 110, fill=ORANGE)
        icon_person(s, x + 280, 420, 90, fill="#7A5C3E")
    s.text(x + 210, 610, label, 48, INK, bold=True)
    s.text(x + 210, 720, sub, 38, GREY)

# Personal information that never goes into a chat.
s = Screen("private-info", bg=PINK)
s.text(800, 110, "AI에게 절대 쓰지 마세요", 64, RED, bold=True)
for i, (label, draw) in enumerate([("주민등록번호", "doc"), ("통장 계좌번호", "card"),
                                   ("비밀번호", "lock"), ("카드 번호", "card2")]):
    x = 80 + i * 370
    s.rect(x, 220, 330, 480, PAPER, rx=30, stroke=LINE, sw=3)
    if draw == "doc":
        icon_doc(s, x + 165, 390, 100)
    elif draw == "card":
        icon_cash(s, x + 165, 390, 100)
    elif draw == "lock":
        icon_lock(s, x + 165, 400, 100)
    else:
        icon_card(s, x + 165, 390, 100)
    s.line(x + 60, 290, x + 270, 500, RED, 16)
    s.text(x + 165, 600, label, 40, INK, bold=True)
s.text(800, 800, "내 이름과 주소, 사진도 함부로 올리지 않습니다", 46, INK, bold=True)

# A question with a resident registration number in it, before it is sent.
s = chat_screen("chat-private", typed="제 주민등록번호는\n450312-1234567인데요")
s.button("erase", 882, 630, 146, 76, "지우기", fill=RED, size=30, rx=18)
icon_robot(s, 800, 330, 90, fill=PURPLE)
s.text(800, 470, "안녕하세요!\n무엇이든 물어보세요.", 36, INK, bold=True)
icon_warning(s, 1340, 330, 110)
note(s, 1110, 500, 460, 200, "주민등록번호가\n들어 있어요!", 44, fill=PINK)

# Health and legal questions belong to people who are responsible for the answer.
s = Screen("experts", bg=PAPER)
icon_robot(s, 300, 380, 170, fill=PURPLE)
s.text(300, 640, "AI", 52, INK, bold=True)
s.text(300, 720, "참고만 하기", 44, GREY)
s.path("M 500 400 H 700 M 700 400 l -40 -35 M 700 400 l -40 35", stroke=INK, sw=12)
for i, (label, sub, fill) in enumerate([("의사·약사", "몸과 약", GREEN), ("변호사·법률 상담", "법과 계약", BLUE)]):
    x = 780 + i * 400
    s.rect(x, 200, 360, 560, MINT if i == 0 else SKY, rx=36, stroke=LINE, sw=3)
    icon_person(s, x + 180, 400, 130, fill=fill)
    if i == 0:
        s.rect(x + 165, 420, 30, 80, PAPER)
        s.rect(x + 140, 445, 80, 30, PAPER)
    s.text(x + 180, 600, label, 42, INK, bold=True)
    s.text(x + 180, 680, sub, 38, GREY)
s.text(800, 840, "중요한 결정은 사람 전문가와 함께", 50, INK, bold=True)

# The list of past conversations, with the menu a long press opens.
s, _ = phone("chat-list")
app_bar(s, "지난 대화", color=PURPLE)
for i, title in enumerate(["된장찌개 끓이는 법", "무릎 운동", "손주 생일 선물"]):
    y = 215 + i * 110
    s.rect(570, y, 460, 100, PAPER, rx=12, stroke=LINE, sw=2)
    s.text(600, y + 50, title, 32, INK, anchor="start")
s.add('<rect x="560" y="200" width="480" height="630" fill="#000000" fill-opacity="0.35"/>')
s.rect(600, 470, 400, 300, PAPER, rx=24)
s.text(800, 510, "된장찌개 끓이는 법", 28, GREY)
s.button("rename", 610, 545, 380, 70, "이름 바꾸기", fill=PAPER, color=INK, size=34, rx=10)
s.button("share", 610, 620, 380, 70, "공유하기", fill=PAPER, color=INK, size=34, rx=10)
s.button("delete", 610, 695, 380, 70, "대화 삭제", fill=PAPER, color=RED, size=34, rx=10)
s.line(630, 617, 970, 617, LINE, 2)
s.line(630, 692, 970, 692, LINE, 2)
note(s, 1110, 520, 440, 170, "길게 누르면\n나오는 메뉴", 44, fill=LAVENDER)

# The phone's contacts: call the health centre to check the answer.
s, _ = phone("contacts")
app_bar(s, "연락처", color=GREEN)
for i, (key, label) in enumerate([("daughter", "큰딸"), ("clinic", "우리 군 보건소"),
                                  ("office", "행복동 주민센터"), ("teacher", "배움터 강사님")]):
    y = 220 + i * 130
    s.button(key, 570, y, 460, 116, label, fill=PAPER, color=INK, size=38, rx=14, stroke=LINE, sw=2)
    icon_person(s, 625, y + 58, 40, fill=GREY)
note(s, 1110, 360, 440, 170, "전화해서\n물어보기", 48, fill=MINT)
