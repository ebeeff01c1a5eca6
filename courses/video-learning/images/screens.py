# Pictures of the course 동영상으로 배우고 즐기기: the practice video app 보라영상, the county
# 한내군 and its channel, the scam channel 복지뉴스24 and the messenger 말벗톡 are all invented.
# The QR squares are made-up patterns, not codes; links are fake on purpose.

VIDEO = "#6A1B9A"       # the app's colour (white text on it reaches 7:1)
SCREEN = "#263238"      # a video frame


def magnifier(s, cx, cy, r, color=PAPER):
    s.circle(cx - r * .15, cy - r * .15, r * .55, "none", stroke=color, sw=r * .18)
    s.line(cx + r * .25, cy + r * .25, cx + r * .7, cy + r * .7, color, r * .22)


def mic(s, cx, cy, r, color=PAPER):
    s.rect(cx - r * .3, cy - r * .8, r * .6, r * 1.1, color, rx=r * .3)
    s.path(f"M {cx - r * .55} {cy - r * .1} Q {cx - r * .55} {cy + r * .55} {cx} {cy + r * .55} "
           f"Q {cx + r * .55} {cy + r * .55} {cx + r * .55} {cy - r * .1}", stroke=color, sw=r * .12)
    s.line(cx, cy + r * .55, cx, cy + r * .85, color, r * .12)


def play(s, cx, cy, r, color=PAPER):
    s.poly([(cx - r * .4, cy - r * .55), (cx + r * .6, cy), (cx - r * .4, cy + r * .55)], color)


def singer(s, cx, cy, r):
    """A singer with a microphone on a little stage: what the song-class video shows."""
    s.rect(cx - r * 1.6, cy + r * .8, r * 3.2, r * .3, "#8D6E63")
    icon_person(s, cx, cy, r, fill="#F5C9A0")
    s.circle(cx, cy - r * .4, r * .38, "#F5C9A0")
    s.rect(cx - r * .75, cy + r * .15, r * 1.5, r * .65, "#C2185B", rx=r * .2)
    s.line(cx + r * .5, cy + r * .1, cx + r * .5, cy - r * .3, INK, r * .08)
    s.circle(cx + r * .5, cy - r * .35, r * .12, INK)
    for i, (dx, dy) in enumerate([(-1.3, -.7), (1.2, -.9), (-1.1, .2)]):
        s.text(cx + r * dx, cy + r * dy, "♪", r * .5, YELLOW, bold=True)


def video_frame(s, y=200, h=270, subtitle=None, sub_size=24):
    s.rect(560, y, 480, h, SCREEN)
    singer(s, 800, y + h * .45, 70)
    if subtitle:
        s.rect(800 - len(subtitle) * sub_size * .55, y + h - sub_size * 2, len(subtitle) * sub_size * 1.1,
               sub_size * 1.5, "#000000", rx=6)
        s.text(800, y + h - sub_size * 1.25, subtitle, sub_size, PAPER, bold=True)


def video_app_bar(s, title="보라영상", back=False):
    app_bar(s, title, color=VIDEO, back=back)


def check_badge(s, cx, cy, r):
    """The 'official channel' mark: a green disc with a white tick (drawn, not a glyph)."""
    s.circle(cx, cy, r, GREEN)
    s.path(f"M {cx - r * .5} {cy} l {r * .35} {r * .4} l {r * .65} {r * .75 * -1}", stroke=PAPER,
           sw=r * .3)


def channel_row(s, y, name, sub, official=True, key=None):
    s.circle(615, y, 32, GREEN if official else GREY)
    s.text(615, y, name[0], 30, PAPER, bold=True)
    if key:
        s.button(key, 660, y - 40, 220, 80, "", fill=PAPER, rx=14, stroke=LINE, sw=3)
    s.text(672, y - 12, name, 30, INK, anchor="start", bold=True)
    if official:
        check_badge(s, 672 + len(name) * 30 + 22, y - 12, 16)
    s.text(672, y + 24, sub, 24, GREY, anchor="start")


# --- opening a video from a poster --------------------------------------------------------
s = Screen("song-poster", bg=LIGHT)
s.rect(160, 50, 600, 800, CREAM, rx=20, stroke=LINE, sw=4)
s.text(460, 130, "한내군 노래교실", 54, VIDEO, bold=True)
s.text(460, 210, "집에서 따라 불러요", 42, INK, bold=True)
s.text(460, 270, "매주 새 노래 영상", 34, GREY)
icon_qr(s, 460, 520, 170)
s.text(460, 780, "휴대폰 카메라로 비추세요", 34, INK, bold=True)
note(s, 880, 200, 620, 200, "포스터의 QR 코드로\n노래 영상이 열려요", 46)
note(s, 880, 480, 620, 200, "군청, 보건소, 도서관의\n안내문에도 있어요", 42, fill=MINT)

s, _ = phone("camera-link", screen="#303030")
s.rect(560, 120, 480, 560, "#8D8D8D")
icon_qr(s, 800, 390, 120)
for (x, y, dx, dy) in ((640, 230, 1, 1), (960, 230, -1, 1), (640, 550, 1, -1), (960, 550, -1, -1)):
    s.path(f"M {x} {y + 50 * dy} V {y} H {x + 50 * dx}", stroke=YELLOW, sw=8)
s.circle(800, 760, 50, PAPER, stroke="#BDBDBD", sw=8)
s.button("open-link", 580, 590, 440, 90, "보라영상에서 열기", fill=PAPER, color=VIDEO, size=32, rx=45)
note(s, 1090, 300, 470, 200, "노란 네모에 맞추면\n주소가 나와요", 42)


def player(name, playing=False, subtitle=None):
    s, _ = phone(name)
    video_app_bar(s, back=True)
    video_frame(s, subtitle=subtitle)
    if not playing:
        s.button("play", 740, 275, 120, 120, "", fill="#000000", rx=60)
        play(s, 805, 335, 70)
    s.text(590, 510, "한내군 노래교실 1강", 32, INK, anchor="start", bold=True)
    s.text(590, 555, "고향의 봄 · 조회수 3.4만", 26, GREY, anchor="start")
    channel_row(s, 630, "한내군청", "구독자 1.2만")
    return s


s = player("player-start")
s.button("subscribe", 580, 700, 210, 100, "구독", fill=VIDEO, size=36)
s.button("share", 810, 700, 210, 100, "공유", fill=LIGHT, color=INK, size=36)
note(s, 1090, 230, 470, 200, "가운데 세모 단추를\n누르면 시작해요", 42)

s = player("player-playing", playing=True, subtitle="나의 살던 고향은")
s.button("back10", 575, 690, 140, 120, "10초", fill=LIGHT, color=INK, size=30, sub="뒤로",
         sub_size=30)
s.button("pause", 730, 690, 140, 120, "멈춤", fill=VIDEO, size=34)
s.button("full", 885, 690, 140, 120, "전체", fill=LIGHT, color=INK, size=30, sub="화면",
         sub_size=30)
note(s, 1090, 200, 470, 250, "멈춤 · 10초 뒤로 ·\n전체 화면 단추는\n영상 아래에", 40)
note(s, 40, 250, 460, 200, "영상은 아무리 눌러도\n고장 나지 않아요", 38, fill=MINT)


def fullscreen(name, sub_size, note_text=None):
    s = Screen(name, bg=LIGHT)
    s.rect(60, 110, 1480, 720, "#202124", rx=60)
    s.rect(120, 140, 1360, 660, SCREEN)
    singer(s, 800, 400, 170)
    text = "나의 살던 고향은 꽃피는 산골"
    w = len(text) * sub_size * .95
    s.rect(800 - w / 2, 790 - sub_size * 1.6, w, sub_size * 1.4, "#000000", rx=8)
    s.text(800, 790 - sub_size * .9, text, sub_size, PAPER, bold=True)
    s.button("captions", 1270, 170, 180, 90, "자막", fill="#000000", size=36, stroke=PAPER, sw=3)
    s.button("small", 150, 170, 220, 90, "작게 보기", fill="#000000", size=34, stroke=PAPER, sw=3)
    if note_text:
        note(s, 470, 20, 660, 80, note_text, 34)
    return s


fullscreen("fullscreen", 26, "휴대폰을 옆으로 눕히면 화면 가득")
fullscreen("subtitle-big", 56, "자막이 크고 잘 보여요")

s = Screen("subtitle-settings", bg=LIGHT)
s.rect(60, 110, 1480, 720, "#202124", rx=60)
s.rect(120, 140, 1360, 660, SCREEN)
singer(s, 500, 420, 150)
s.rect(880, 160, 580, 620, PAPER, rx=24)
s.text(1170, 220, "자막 크기", 44, INK, bold=True)
for i, (key, label, size) in enumerate([("small", "작게", 30), ("normal", "보통 (지금)", 36),
                                        ("large", "크게", 42), ("largest", "아주 크게", 50)]):
    s.button(key, 910, 270 + i * 125, 520, 105, label, fill=LIGHT, color=INK, size=size,
             stroke=BLUE if key == "normal" else LINE, sw=5 if key == "normal" else 3)

# --- searching ----------------------------------------------------------------------------
s, _ = phone("video-home")
video_app_bar(s)
s.button("search", 950, 120, 80, 70, "", fill=VIDEO, rx=12)
magnifier(s, 988, 153, 34)
s.rect(580, 220, 440, 230, SCREEN, rx=12)
singer(s, 800, 320, 55)
s.text(590, 485, "한내군 노래교실 2강", 30, INK, anchor="start", bold=True)
s.text(590, 525, "한내군청 · 조회수 2.1만", 24, GREY, anchor="start")
s.rect(580, 570, 440, 160, CREAM, rx=12)
s.text(800, 630, "[광고] 효도 보험 가입", 32, INK, bold=True)
s.text(800, 680, "지금 누르면 선물 증정", 26, GREY)
note(s, 1090, 150, 470, 200, "돋보기 = 찾기", 48)


def keyboard(s, y=520):
    s.rect(560, y, 480, 830 - y, "#D5D9E0")
    rows = ["ㅂㅈㄷㄱㅅㅛㅕㅑ", "ㅁㄴㅇㄹㅎㅗㅓㅏ", "ㅋㅌㅊㅍㅠㅜㅡ"]
    for r, row in enumerate(rows):
        for i, ch in enumerate(row):
            x = 572 + i * 57 + r * 14
            s.rect(x, y + 20 + r * 80, 48, 66, PAPER, rx=8)
            s.text(x + 24, y + 53 + r * 80, ch, 28, INK)


s, _ = phone("video-search")
s.rect(560, 110, 480, 90, VIDEO)
s.rect(580, 125, 330, 60, PAPER, rx=30)
s.text(600, 155, "찾을 영상", 28, GREY, anchor="start")
s.button("mic", 925, 120, 100, 70, "", fill=PAPER, rx=35)
mic(s, 975, 155, 30, color=VIDEO)
s.text(800, 280, "말로 찾으려면 마이크", 30, INK, bold=True)
s.text(800, 330, "글자로 찾으려면 자판", 30, INK, bold=True)
keyboard(s)
note(s, 1090, 120, 470, 200, "마이크를 누르고\n말하면 찾아 줘요", 42)

s, _ = phone("voice-listening")
s.rect(560, 110, 480, 90, VIDEO)
s.rect(580, 125, 440, 60, PAPER, rx=30)
s.text(600, 155, "고혈압 체조", 30, INK, anchor="start", bold=True)
s.circle(800, 420, 120, VIDEO)
mic(s, 800, 420, 80)
s.text(800, 610, "듣고 있어요", 40, INK, bold=True)
s.text(800, 670, "천천히 또박또박 말하세요", 30, GREY)
note(s, 1090, 300, 470, 200, "\"고혈압 체조\"", 48)

s, _ = phone("video-results")
s.rect(560, 110, 480, 90, VIDEO)
s.rect(580, 125, 440, 60, PAPER, rx=30)
s.text(600, 155, "고혈압 체조", 30, INK, anchor="start", bold=True)
RESULTS = [("ad", "관절 영양제 70% 할인", "지금 바로 구매하기", True),
           ("clinic", "앉아서 하는 고혈압 체조", "한내군 보건소 · 12분", False),
           ("other", "고혈압 체조 따라 하기", "건강체조교실 · 8분", False)]
for i, (key, title, sub, ad) in enumerate(RESULTS):
    y = 220 + i * 200
    s.button(key, 575, y, 450, 180, "", fill=CREAM if ad else PAPER, rx=16, stroke=LINE, sw=3)
    s.rect(590, y + 20, 140, 140, SCREEN if not ad else ORANGE, rx=10)
    if ad:
        s.text(660, y + 90, "광고", 38, PAPER, bold=True)
    else:
        play(s, 665, y + 90, 50)
    s.text(750, y + 65, title if len(title) < 10 else title[:len(title) // 2 + 1], 26, INK,
           anchor="start", bold=True)
    if len(title) >= 10:
        s.text(750, y + 100, title[len(title) // 2 + 1:], 26, INK, anchor="start", bold=True)
    s.text(750, y + 140, sub, 22, GREY if not ad else RED, anchor="start", bold=ad)
note(s, 1090, 220, 470, 200, "'광고' 표시가 있으면\n파는 사람이 올린 것", 38)

s, _ = phone("video-ad")
video_app_bar(s, back=True)
s.rect(560, 200, 480, 330, CREAM)
s.rect(575, 215, 90, 44, ORANGE, rx=8)
s.text(620, 237, "광고", 28, PAPER, bold=True)
s.text(800, 310, "관절 영양제 70% 할인", 32, INK, bold=True)
s.button("buy", 600, 350, 400, 90, "지금 구매하기", fill=RED, size=34)
s.button("skip", 780, 460, 240, 60, "광고 건너뛰기", fill="#000000", size=28, rx=10)
s.text(590, 580, "앉아서 하는 고혈압 체조", 30, INK, anchor="start", bold=True)
channel_row(s, 660, "한내군 보건소", "구독자 8,200")
note(s, 1090, 250, 470, 240, "광고는 누르지 말고\n'광고 건너뛰기'가\n나오면 누르세요", 40)

# --- real or fake -----------------------------------------------------------------------------
s, _ = phone("fake-video")
video_app_bar(s, back=True)
s.rect(560, 200, 480, 270, RED)
s.text(800, 265, "긴급!", 56, YELLOW, bold=True)
s.text(800, 345, "어르신 지원금 300만 원", 34, PAPER, bold=True)
s.text(800, 405, "오늘까지 신청하세요", 34, PAPER, bold=True)
s.text(590, 510, "모르면 손해! 지원금 받는 법", 30, INK, anchor="start", bold=True)
s.text(590, 555, "아래 주소에서 바로 신청", 26, RED, anchor="start")
channel_row(s, 640, "복지뉴스24", "구독자 312", official=False, key="channel")
s.text(590, 730, "bokji-24.xyz/apply", 28, BLUE, anchor="start", bold=True)
note(s, 1090, 200, 470, 230, "누가 올렸는지\n채널 이름을\n눌러 보세요", 42)
note(s, 40, 250, 460, 200, "'긴급', '오늘까지'는\n서두르게 하는 말", 38, fill=PINK, color=RED)


def channel_page(name, rows, official, subscribed=None):
    s, _ = phone(name)
    video_app_bar(s, "채널", back=True)
    title, facts = rows
    s.circle(800, 290, 70, GREEN if official else GREY)
    s.text(800, 290, title[0], 60, PAPER, bold=True)
    s.text(800, 405, title, 40, INK, bold=True)
    if official:
        check_badge(s, 800 + len(title) * 20 + 34, 405, 22)
    for i, t in enumerate(facts):
        s.text(800, 470 + i * 50, t, 28, GREY if i else INK)
    if subscribed is not None:
        if subscribed:
            s.button("subscribe", 580, 700, 440, 100, "구독 중 · 알림 켜짐", fill=LIGHT, color=INK,
                     size=34)
        else:
            s.button("subscribe", 580, 700, 440, 100, "구독", fill=VIDEO, size=40)
    return s


s = channel_page("fake-channel", ("복지뉴스24", ["만든 날: 3일 전", "영상 2개 · 구독자 312",
                                                 "공식 표시 없음", "주소로 신청하라는 영상뿐"]), False)
note(s, 1090, 200, 470, 300, "새로 만든 채널\n공식 표시 없음\n주소로 신청하라\n= 가짜", 42, fill=PINK,
     color=RED)
s = channel_page("county-channel", ("한내군청", ["한내군 공식 채널", "영상 480개 · 구독자 1.2만",
                                             "2015년부터", "군청 누리집에 소개됨"]), True,
                 subscribed=False)
note(s, 1090, 200, 470, 260, "초록 공식 표시\n오래된 채널\n영상이 많아요", 42, fill=MINT)
s = channel_page("county-subscribed", ("한내군청", ["한내군 공식 채널", "영상 480개 · 구독자 1.2만",
                                                "2015년부터", "군청 누리집에 소개됨"]), True,
                 subscribed=True)
note(s, 1090, 200, 470, 260, "새 영상이 올라오면\n알려 줘요\n구독은 무료", 42, fill=MINT)

# --- sharing --------------------------------------------------------------------------------
s = player("share-sheet")
s.add(f'<rect x="560" y="70" width="480" height="760" fill="#000000" fill-opacity="0.5"/>')
s.rect(560, 470, 480, 360, PAPER, rx=24)
s.text(800, 520, "공유하기", 36, INK, bold=True)
s.button("messenger", 580, 560, 210, 120, "말벗톡", fill=YELLOW, color=INK, size=36)
s.button("sms", 810, 560, 210, 120, "문자", fill=LIGHT, color=INK, size=36)
s.button("copy", 580, 700, 440, 100, "링크 복사", fill=LIGHT, color=INK, size=34)
note(s, 1090, 250, 470, 200, "영상의 주소(링크)를\n보내는 거예요", 40)

s, _ = phone("share-friends")
app_bar(s, "말벗톡 · 보낼 사람", color=YELLOW, text=INK)
for i, (key, name) in enumerate([("daughter", "딸 민지"), ("son", "아들 준호"),
                                 ("friend", "경로당 친구들")]):
    y = 230 + i * 150
    s.button(key, 580, y, 440, 130, "", fill=PAPER, rx=18, stroke=LINE, sw=3)
    icon_person(s, 650, y + 65, 45, fill=GREY)
    s.text(720, y + 65, name, 36, INK, anchor="start", bold=True)

s, _ = phone("share-sent")
app_bar(s, "딸 민지", color=YELLOW, text=INK)
s.rect(640, 240, 380, 300, YELLOW, rx=24)
s.rect(660, 260, 340, 160, SCREEN, rx=10)
singer(s, 830, 330, 45)
s.text(670, 455, "한내군 노래교실 1강", 26, INK, anchor="start", bold=True)
s.text(670, 500, "보라영상 · 한내군청", 22, INK, anchor="start")
s.rect(580, 580, 360, 90, LIGHT, rx=24)
s.text(600, 625, "엄마, 저도 같이 불러요!", 28, INK, anchor="start")
note(s, 1090, 250, 470, 200, "누르면 가족 휴대폰에서\n같은 영상이 열려요", 38)
