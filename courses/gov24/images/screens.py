# Pictures of the course 정부24와 공공 서비스 (run scripts/illustrate gov24 to redraw).
# "누리민원" and the sign-in apps (소통톡, 튼튼은행, 한마음통신) are invented for this course;
# they imitate no real product or logo.

NAVY = "#1D4E89"
PALE = "#E3EEFA"
TALK = "#3D2B00"


def app_screen(name, title, back=True):
    s, _ = phone(name)
    app_bar(s, title, color=NAVY, back=back)
    return s


def office(s, cx, cy, r):
    """A township office building (주민센터) with a flag."""
    s.rect(cx - r, cy - r * .4, r * 2, r * 1.2, "#D9D4C7", stroke=INK, sw=4)
    s.poly([(cx - r * 1.15, cy - r * .4), (cx, cy - r * .95), (cx + r * 1.15, cy - r * .4)], NAVY)
    for i in range(4):
        s.rect(cx - r * .8 + i * r * .45, cy - r * .2, r * .25, r * .35, SKY, stroke=INK, sw=2)
    s.rect(cx - r * .2, cy + r * .3, r * .4, r * .5, BROWN)
    s.line(cx + r * .9, cy - r * .4, cx + r * .9, cy - r * 1.3, INK, 5)
    s.rect(cx + r * .9, cy - r * 1.3, r * .4, r * .25, RED)


# Applying at the counter or on the phone.
s = Screen("intro", bg=PALE)
office(s, 380, 430, 230)
s.text(380, 720, "주민센터 창구", 52, INK, bold=True)
s.text(800, 430, "또는", 48, GREY, bold=True)
icon_phone(s, 1220, 400, 200, fill=INK)
s.rect(1140, 300, 160, 60, NAVY, rx=10)
s.text(1220, 330, "누리민원", 28, PAPER, bold=True)
icon_doc(s, 1220, 460, 70)
s.text(1220, 720, "스마트폰으로 집에서", 52, INK, bold=True)

# The home screen of the practice app.
s = app_screen("app-home", "누리민원", back=False)
s.button("login", 930, 122, 100, 66, "로그인", fill=PAPER, color=NAVY, size=26, rx=16)
s.text(800, 250, "무엇을 도와드릴까요?", 36, INK, bold=True)
s.button("search", 575, 290, 450, 90, "찾으시는 민원을 쓰세요", fill=PAPER, color=GREY, size=28,
         rx=45, stroke=NAVY, sw=4, bold=False)
for i, (key, label) in enumerate([("benefits", "받을 수 있는\n지원금 찾기"), ("history", "내 신청\n내역"),
                                  ("wallet", "전자\n문서지갑"), ("center", "고객\n센터")]):
    x = 580 + (i % 2) * 225
    y = 420 + (i // 2) * 200
    s.button(key, x, y, 215, 180, label, fill=PALE, color=NAVY, size=32, rx=20)

# Proving who you are: at the counter with an ID card, online with the phone.
s = Screen("identity", bg=PAPER)
s.text(800, 100, "본인인증 = 내가 나라는 것을 보여 주기", 56, INK, bold=True)
s.rect(120, 190, 620, 560, PALE, rx=36)
icon_person(s, 330, 420, 150, fill="#7A5C3E")
s.rect(470, 380, 200, 130, PAPER, rx=12, stroke=INK, sw=4)
icon_person(s, 525, 445, 40, fill=GREY)
s.rect(580, 420, 70, 10, GREY)
s.rect(580, 450, 70, 10, GREY)
s.text(430, 680, "창구에서는 신분증", 46, INK, bold=True)
s.rect(860, 190, 620, 560, MINT, rx=36)
icon_phone(s, 1060, 440, 160)
icon_lock(s, 1060, 440, 60, fill=GREEN)
icon_fingerprint(s, 1300, 440, 100, fill=GREEN)
s.text(1170, 680, "온라인에서는 본인인증", 46, INK, bold=True)
s.text(800, 830, "신분증을 보여 주는 일을 스마트폰으로 합니다", 42, GREY)

# Choosing how to sign in.
s = app_screen("login", "로그인")
s.text(800, 250, "어떤 방법으로 확인할까요?", 34, INK, bold=True)
s.button("simple", 580, 300, 440, 140, "간편인증", fill=NAVY, size=42, sub="평소 쓰는 앱으로 확인",
         sub_size=26)
s.button("certificate", 580, 460, 440, 140, "공동인증서", fill=PALE, color=NAVY, size=42,
         sub="은행에서 받은 인증서", sub_size=26)
s.button("sms", 580, 620, 440, 140, "휴대폰 인증", fill=PALE, color=NAVY, size=42,
         sub="문자로 온 번호 넣기", sub_size=26)

# Choosing the app that will confirm it is you.
s = app_screen("auth-choose", "간편인증")
s.text(800, 250, "인증할 앱을 고르세요", 34, INK, bold=True)
for i, (key, label, fill, color) in enumerate([("talk", "소통톡", YELLOW, TALK),
                                               ("bank", "튼튼은행", GREEN, PAPER),
                                               ("telecom", "한마음통신", "#C2185B", PAPER)]):
    y = 300 + i * 160
    s.button(key, 580, y, 440, 140, label, fill=fill, color=color, size=42)
s.text(800, 790, "스마트폰에 깔린 앱을 고르면 됩니다", 26, GREY)

# Name, birth date and phone number, then request.
s = app_screen("auth-request", "간편인증")
s.rect(580, 220, 440, 70, YELLOW, rx=14)
s.text(800, 255, "소통톡으로 인증", 32, TALK, bold=True)
for i, (label, value) in enumerate([("이름", "김순자"), ("생년월일", "1951년 3월 12일"),
                                    ("휴대폰 번호", "010-1234-5678")]):
    y = 320 + i * 115
    s.text(590, y + 10, label, 26, GREY, anchor="start")
    s.rect(580, y + 30, 440, 66, PAPER, rx=10, stroke=LINE, sw=3)
    s.text(600, y + 63, value, 30, INK, anchor="start")
s.button("request", 580, 680, 440, 110, "인증 요청", fill=NAVY, size=42)
note(s, 1110, 380, 440, 200, "이름, 생년월일,\n휴대폰 번호를\n확인하세요", 38, fill=PALE)

# The notification of the sign-in app on the same phone.
s, _ = phone("auth-notify", screen="#DDE7F7")
s.rect(575, 130, 450, 330, PAPER, rx=24, stroke=LINE, sw=3)
s.rect(600, 155, 56, 56, YELLOW, rx=14)
icon_chat(s, 628, 182, 18, fill=TALK, stroke=TALK)
s.text(672, 183, "소통톡", 30, INK, anchor="start", bold=True)
s.text(800, 265, "[누리민원] 본인인증 요청", 30, INK, bold=True)
s.text(800, 320, "지금 신청하신 것이 맞으면\n인증을 눌러 주세요", 26, GREY)
s.button("confirm", 600, 375, 200, 70, "인증하기", fill=YELLOW, color=TALK, size=30, rx=14)
s.button("refuse", 815, 375, 190, 70, "거절", fill=LIGHT, color=INK, size=30, rx=14)
note(s, 1110, 200, 440, 200, "내가 방금 요청한\n것일 때만\n인증하기", 38, fill=CREAM)
note(s, 1110, 450, 440, 200, "요청한 적 없으면\n거절!", 40, fill=PINK)

# Signed in.
s = app_screen("auth-done", "누리민원", back=False)
s.circle(800, 380, 110, MINT)
s.path("M 745 380 l 40 40 l 75 -85", stroke=GREEN, sw=20)
s.text(800, 560, "본인인증이\n끝났습니다", 46, INK, bold=True)
s.text(800, 680, "김순자 님, 어서 오세요", 32, GREY)

# The joint certificate (공동인증서): a file kept on the phone, opened with a password.
s = Screen("certificate", bg=PAPER)
s.rect(220, 200, 520, 340, "#F3E9C8", rx=28, stroke=INK, sw=5)
s.text(480, 270, "공동인증서", 52, INK, bold=True)
icon_lock(s, 360, 420, 80, fill=NAVY)
s.text(560, 400, "김순자", 40, INK, bold=True)
s.text(560, 460, "튼튼은행 발급", 30, GREY)
s.text(480, 640, "은행에서 받는 전자 신분증", 44, INK, bold=True)
s.rect(880, 240, 520, 120, LIGHT, rx=20, stroke=LINE, sw=3)
s.text(1140, 300, "● ● ● ● ● ● ● ● ● ●", 36, INK)
s.text(1140, 440, "인증서 비밀번호", 44, INK, bold=True)
s.text(1140, 530, "나만 알고, 적어서\n남에게 보이지 않기", 38, GREY)
s.text(800, 800, "해마다 새로 받아야 할 수 있습니다", 42, RED, bold=True)

# The verification code sent by text message.
s, _ = phone("sms-code", screen="#DDE7F7")
s.rect(575, 130, 450, 250, PAPER, rx=24, stroke=LINE, sw=3)
s.text(600, 170, "문자 메시지", 28, GREY, anchor="start", bold=True)
s.text(800, 240, "[누리민원] 인증번호", 32, INK, bold=True)
s.text(800, 295, "482915", 52, NAVY, bold=True)
s.text(800, 345, "다른 사람에게 알려 주지 마세요", 24, RED)
s.rect(575, 430, 450, 330, PAPER, rx=24)
s.text(800, 480, "인증번호 6자리", 32, INK, bold=True)
for i in range(6):
    s.rect(600 + i * 70, 530, 60, 80, LIGHT, rx=10, stroke=NAVY, sw=3)
note(s, 1110, 300, 440, 240, "문자로 온 번호를\n그대로 옮겨 쓰기\n(3분 안에)", 38, fill=PALE)
note(s, 60, 300, 440, 240, "전화로 인증번호를\n묻는 사람은\n사기입니다!", 38, fill=PINK)

# Searching for the certificate.
s = app_screen("search-results", "민원 찾기")
s.rect(575, 215, 450, 80, PAPER, rx=40, stroke=NAVY, sw=4)
s.text(610, 255, "주민등록등본", 30, INK, anchor="start")
for i, (key, label, sub) in enumerate([("deungbon", "주민등록표 등본 발급", "우리 집 식구가 함께 나오는 서류"),
                                       ("chobon", "주민등록표 초본 발급", "나 한 사람의 주소 기록"),
                                       ("family", "가족관계증명서 발급", "부모, 배우자, 자녀 관계")]):
    y = 320 + i * 165
    s.button(key, 575, y, 450, 150, label, fill=PAPER, color=INK, size=32, rx=16,
             stroke=LINE, sw=3, sub=sub, sub_size=24)

# The certificate's page: fee, time, issue button.
s = app_screen("deungbon-page", "등본 발급")
icon_doc(s, 800, 300, 70)
for i, (k, v) in enumerate([("수수료", "온라인 발급 무료"), ("처리 기간", "바로 발급"), ("필요한 것", "본인인증")]):
    y = 420 + i * 70
    s.text(600, y, k, 30, GREY, anchor="start")
    s.text(1000, y, v, 30, INK, anchor="end", bold=True)
    s.line(600, y + 32, 1000, y + 32, LINE, 2)
s.button("issue", 580, 660, 215, 110, "발급하기", fill=NAVY, size=36)
s.button("guide", 805, 660, 215, 110, "신청 방법\n안내", fill=PALE, color=NAVY, size=30)

# The application form: how to receive the document.
def apply_form(name, chosen=None):
    s = app_screen(name, "등본 신청")
    s.text(590, 245, "신청하는 사람", 26, GREY, anchor="start")
    s.text(1010, 245, "김순자", 30, INK, anchor="end", bold=True)
    s.text(590, 300, "주소", 26, GREY, anchor="start")
    s.text(1010, 300, "행복군 행복읍 123", 28, INK, anchor="end", bold=True)
    s.line(590, 335, 1010, 335, LINE, 2)
    s.text(800, 375, "받는 방법을 고르세요", 32, INK, bold=True)
    for i, (key, label) in enumerate([("online", "온라인으로 받기 (바로)"), ("mail", "우편으로 받기 (3~5일)")]):
        y = 415 + i * 115
        on = key == chosen
        s.button(key, 580, y, 440, 100, label, fill=PALE if on else PAPER, color=INK, size=30, rx=16,
                 stroke=NAVY if on else LINE, sw=6 if on else 3)
        s.circle(612, y + 50, 16, NAVY if on else PAPER, stroke=NAVY, sw=4)
    s.button("submit", 580, 670, 440, 110, "신청하기", fill=NAVY if chosen else LINE,
             color=PAPER if chosen else GREY, size=42)
    return s


apply_form("apply-form")
s = apply_form("apply-form-ready", chosen="online")
note(s, 1110, 600, 440, 160, "다 골랐으면\n신청하기", 42, fill=PALE)

# Done: view the document.
s = app_screen("apply-done", "신청 완료", back=False)
s.circle(800, 330, 100, MINT)
s.path("M 750 330 l 35 35 l 70 -80", stroke=GREEN, sw=18)
s.text(800, 500, "발급이 끝났습니다", 40, INK, bold=True)
s.text(800, 560, "주민등록표 등본 1통", 30, GREY)
s.button("view", 580, 610, 440, 100, "문서 보기", fill=NAVY, size=40)
s.button("home", 580, 720, 440, 90, "처음으로", fill=PALE, color=NAVY, size=34)

# The issued document, ready to print or save.
s = Screen("document", bg=LIGHT)
s.rect(420, 40, 520, 820, PAPER, stroke=LINE, sw=3)
s.text(680, 110, "주민등록표 (등본)", 40, INK, bold=True)
s.text(680, 160, "이 등본은 연습용 그림입니다", 24, RED)
for i in range(9):
    s.line(470, 230 + i * 60, 890, 230 + i * 60, LINE, 3)
    s.rect(480, 245 + i * 60, 140 + (i * 37) % 180, 26, LIGHT)
s.circle(820, 790, 45, "none", stroke=RED, sw=5)
s.text(820, 790, "직인", 26, RED, bold=True)
s.rect(1030, 250, 440, 130, NAVY, rx=24)
s.text(1250, 315, "인쇄하기", 48, PAPER, bold=True)
s.rect(1030, 420, 440, 130, PALE, rx=24)
s.text(1250, 485, "파일로 저장", 48, NAVY, bold=True)
s.text(1250, 660, "프린터가 없으면\n주민센터나\n무인민원발급기에서", 38, GREY)

# Where to get help.
s = Screen("help", bg=PAPER)
s.text(800, 100, "막히면 이렇게 도움을 받으세요", 58, INK, bold=True)
for i, (title, sub, fill) in enumerate([("주민센터", "신분증 들고\n창구에 가기", PALE),
                                        ("국번 없이 110", "정부 민원\n전화 안내", MINT),
                                        ("배움터 강사님", "함께\n해 보기", CREAM)]):
    x = 110 + i * 480
    s.rect(x, 190, 420, 620, fill, rx=36, stroke=LINE, sw=3)
    if i == 0:
        office(s, x + 210, 390, 120)
    elif i == 1:
        s.circle(x + 210, 380, 110, GREEN)
        icon_handset(s, x + 210, 410, 80)
    else:
        icon_person(s, x + 210, 390, 130, fill=ORANGE)
    s.text(x + 210, 600, title, 46, INK, bold=True)
    s.text(x + 210, 710, sub, 38, GREY)

# A fake text message pretending to be from the government.
s, _ = phone("fake-text", screen="#DDE7F7")
s.rect(575, 150, 450, 330, PAPER, rx=24, stroke=LINE, sw=3)
s.text(600, 190, "문자 메시지", 28, GREY, anchor="start", bold=True)
s.text(800, 260, "[정부 지원금] 미수령 안내", 30, INK, bold=True)
s.text(800, 330, "지원금 30만 원을 받으려면\n아래 주소를 누르세요", 28, INK)
s.text(800, 430, "http://nara-money.xyz", 28, BLUE)
s.line(650, 448, 950, 448, BLUE, 2)
icon_warning(s, 1330, 300, 110)
note(s, 1110, 470, 440, 220, "누르지 마세요!\n앱을 직접 열어\n확인하세요", 40, fill=PINK)
