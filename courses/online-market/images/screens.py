# Pictures of the course 온라인 장보기와 내 농산물 팔기: the practice open-market app 장터마당,
# its seller centre, the parcel company 한걸음택배 and the fake shop 왕대박특가몰 are all
# invented. Prices, addresses and accounts are made up.

import math

MARKET = "#9A3412"      # the app's colour (white text on it reaches 7:1)
APPLE = "#C62828"


def magnifier(s, cx, cy, r, color=GREY):
    s.circle(cx - r * .15, cy - r * .15, r * .55, "none", stroke=color, sw=r * .18)
    s.line(cx + r * .25, cy + r * .25, cx + r * .7, cy + r * .7, color, r * .22)


def star(s, cx, cy, r, fill=YELLOW):
    pts = []
    for i in range(10):
        a = math.pi / 2 + i * math.pi / 5
        rr = r if i % 2 == 0 else r * .45
        pts.append((cx + math.cos(a) * rr, cy - math.sin(a) * rr))
    s.poly(pts, fill, stroke=BROWN, sw=2)


def stars(s, x, cy, n, r=16, of=5):
    for i in range(of):
        star(s, x + i * r * 2.3, cy, r, YELLOW if i < n else LINE)


def gloves(s, cx, cy, r):
    for dx in (-.35, .35):
        x = cx + r * dx
        s.rect(x - r * .3, cy - r * .2, r * .6, r * .9, "#F2C14E", rx=r * .15, stroke=BROWN, sw=3)
        for i in range(4):
            s.rect(x - r * .3 + i * r * .155, cy - r * .75, r * .13, r * .6, "#F2C14E", rx=r * .06,
                   stroke=BROWN, sw=2)


def apple(s, cx, cy, r, fill=APPLE):
    s.circle(cx - r * .3, cy, r * .7, fill)
    s.circle(cx + r * .3, cy, r * .7, fill)
    s.circle(cx, cy + r * .25, r * .65, fill)
    s.line(cx, cy - r * .55, cx + r * .1, cy - r * .95, BROWN, r * .12)
    s.ellipse(cx + r * .35, cy - r * .8, r * .3, r * .14, GREEN)


def half_apple(s, cx, cy, r):
    s.circle(cx, cy, r * .8, "#FFF3D6", stroke=APPLE, sw=r * .12)
    s.ellipse(cx, cy, r * .12, r * .25, BROWN)


def box(s, cx, cy, r, fill="#C8A27A"):
    s.rect(cx - r, cy - r * .6, r * 2, r * 1.3, fill, rx=r * .06, stroke=BROWN, sw=4)
    s.rect(cx - r * .2, cy - r * .6, r * .4, r * 1.3, "#E2C7A4")


def shop_bar(s, title, back=True):
    app_bar(s, title, color=MARKET, back=back)


# --- shopping ---------------------------------------------------------------------------
s, _ = phone("market-home")
shop_bar(s, "장터마당", back=False)
s.button("search", 580, 220, 440, 90, "", fill=LIGHT, rx=45, stroke=LINE, sw=3)
magnifier(s, 630, 265, 34)
s.text(680, 265, "무엇을 찾으세요?", 32, GREY, anchor="start")
s.button("deal", 580, 340, 440, 150, "오늘의 특가", fill=PINK, color=RED, size=40,
         sub="최대 90% 할인!", sub_size=30)
s.button("farm", 580, 510, 210, 140, "농산물", fill=MINT, color=GREEN, size=36)
s.button("living", 810, 510, 210, 140, "생활용품", fill=SKY, color=DARKBLUE, size=36)
s.button("cart", 580, 670, 440, 110, "장바구니", fill=LIGHT, color=INK, size=36)
note(s, 1090, 250, 470, 200, "찾는 물건은\n맨 위 검색 칸에", 42)
note(s, 40, 300, 450, 200, "장터마당은\n연습용 쇼핑 앱", 42, fill=MINT)

RESULTS = [("cheap", "고무장갑 10켤레", "8,900원", "배송비 3,000원", RED),
           ("free", "고무장갑 10켤레", "10,500원", "무료배송", GREEN),
           ("other", "고무장갑 10켤레", "7,900원", "배송비 4,000원", RED)]
s, _ = phone("market-results")
shop_bar(s, "고무장갑")
for i, (key, name, price, fee, color) in enumerate(RESULTS):
    y = 220 + i * 195
    s.button(key, 575, y, 450, 175, "", fill=PAPER, rx=18, stroke=LINE, sw=3)
    gloves(s, 650, y + 95, 55)
    s.text(730, y + 45, name, 30, INK, anchor="start", bold=True)
    s.text(730, y + 95, price, 38, INK, anchor="start", bold=True)
    s.text(730, y + 145, fee, 30, color, anchor="start", bold=True)
note(s, 1090, 200, 480, 250, "물건값\n+ 배송비\n= 내가 내는 돈", 44)
for i, (total, color) in enumerate([("11,900원", INK), ("10,500원", GREEN), ("11,900원", INK)]):
    s.text(1330, 560 + i * 85, f"{'①②③'[i]} 합계 {total}", 40, color, bold=True)

s, _ = phone("market-product")
shop_bar(s, "상품 정보")
s.rect(580, 215, 440, 190, CREAM, rx=16)
gloves(s, 800, 315, 90)
s.text(590, 440, "고무장갑 10켤레 · 무료배송", 30, INK, anchor="start", bold=True)
s.text(590, 490, "10,500원", 40, MARKET, anchor="start", bold=True)
stars(s, 610, 545, 4)
s.text(790, 545, "4.6 · 후기 128개", 28, GREY, anchor="start")
s.rect(580, 580, 440, 110, LIGHT, rx=16)
s.text(600, 615, "\"두툼하고 오래 써요\"", 28, INK, anchor="start")
s.text(600, 660, "\"사진보다 작아요. 큰 치수로\"", 28, INK, anchor="start")
s.button("cart", 580, 710, 200, 100, "장바구니", fill=LIGHT, color=INK, size=34)
s.button("buy", 800, 710, 220, 100, "구매하기", fill=MARKET, size=36)
note(s, 1090, 200, 470, 230, "별점과 후기로\n먼저 써 본 사람의\n말을 들어 보세요", 40)
note(s, 1090, 480, 470, 200, "좋은 말과 아쉬운 말\n둘 다 읽어 보세요", 38, fill=MINT)

s, _ = phone("market-order")
shop_bar(s, "주문서")
for i, (label, value) in enumerate([("받는 분", "김순자 010-1234-5678"),
                                    ("주소", "한내군 솔내면 장터길 12"),
                                    ("결제 방법", "장터마당 안에서 카드 결제")]):
    y = 215 + i * 120
    s.text(590, y + 20, label, 28, GREY, anchor="start")
    s.rect(580, y + 40, 440, 70, LIGHT, rx=12)
    s.text(600, y + 75, value, 29, INK, anchor="start", bold=True)
s.text(800, 610, "고무장갑 10켤레 · 10,500원", 30, INK, bold=True)
s.button("pay", 580, 660, 440, 110, "10,500원 결제하기", fill=MARKET, size=40)
note(s, 1090, 220, 470, 230, "돈은 꼭\n앱 안에서만\n내세요", 44)
note(s, 1090, 500, 470, 230, "\"계좌로 보내면\n깎아 줄게요\"는\n사기입니다", 40, fill=PINK, color=RED)

def orders(name, status, color):
    s, _ = phone(name)
    shop_bar(s, "주문 내역")
    s.rect(580, 220, 440, 260, PAPER, rx=18, stroke=LINE, sw=3)
    gloves(s, 660, 310, 55)
    s.text(740, 280, "고무장갑 10켤레", 30, INK, anchor="start", bold=True)
    s.text(740, 330, "10,500원", 30, INK, anchor="start")
    s.text(740, 380, status, 34, color, anchor="start", bold=True)
    s.text(600, 440, "11월 24일 주문", 26, GREY, anchor="start")
    s.button("track", 580, 510, 440, 110, "배송 조회", fill=MARKET, size=40)
    s.button("return", 580, 640, 210, 100, "반품 신청", fill=LIGHT, color=INK, size=32)
    s.button("review", 810, 640, 210, 100, "후기 쓰기", fill=LIGHT, color=INK, size=32)
    return s


orders("market-orders", "배송 중", GREEN)
s = orders("market-orders-done", "배송 완료", INK)
note(s, 1090, 250, 470, 230, "물건이 맞지 않으면\n'반품 신청'", 40)

s, _ = phone("market-tracking")
shop_bar(s, "배송 조회")
s.text(800, 250, "한걸음택배 · 운송장 1234-5678-9012", 24, GREY)
STAGES = [("주문 완료", "11월 24일", True), ("상품 준비", "11월 24일", True),
          ("배송 중", "솔내면으로 오는 중", True), ("배송 완료", "내일 도착 예정", False)]
for i, (stage, when, done) in enumerate(STAGES):
    y = 330 + i * 120
    s.circle(630, y, 26, GREEN if done else PAPER, stroke=GREEN if done else LINE, sw=6)
    if i < 3:
        s.line(630, y + 30, 630, y + 90, GREEN if i < 2 else LINE, 6)
    s.text(680, y - 15, stage, 34, INK if done else GREY, anchor="start", bold=True)
    s.text(680, y + 28, when, 26, GREY, anchor="start")
note(s, 1090, 280, 470, 230, "지금 어디쯤\n오는지 볼 수\n있습니다", 42)

s, _ = phone("market-return")
shop_bar(s, "반품 신청")
s.text(800, 250, "반품하는 까닭을 고르세요", 32, INK, bold=True)
s.button("size", 580, 300, 440, 110, "크기가 맞지 않아요", fill=LIGHT, color=INK, size=34,
         stroke=LINE, sw=3)
s.button("broken", 580, 430, 440, 110, "망가진 채 왔어요", fill=LIGHT, color=INK, size=34,
         stroke=LINE, sw=3)
s.button("mind", 580, 560, 440, 110, "마음이 바뀌었어요", fill=LIGHT, color=INK, size=34,
         stroke=LINE, sw=3)
s.text(800, 730, "받은 날부터 7일 안에 신청", 28, GREY)
note(s, 1090, 250, 470, 260, "받고 7일 안에는\n반품할 수 있어요\n(상자는 버리지\n마세요)", 38)

s, _ = phone("market-return-done")
shop_bar(s, "반품 신청", back=False)
s.circle(800, 330, 90, MINT, stroke=GREEN, sw=10)
s.path("M 755 330 l 32 32 l 62 -70", stroke=GREEN, sw=16)
s.text(800, 480, "반품이 접수되었습니다", 36, GREEN, bold=True)
s.text(800, 560, "한걸음택배 기사님이", 30, INK)
s.text(800, 605, "11월 28일에 가지러 갑니다", 30, INK)
s.text(800, 690, "물건을 상자에 다시 넣어", 30, INK)
s.text(800, 735, "문 앞에 두세요", 30, INK)
box(s, 1300, 520, 140)
note(s, 1090, 200, 470, 160, "돈은 물건이\n돌아가면 돌려줘요", 38)

# --- fake shops -------------------------------------------------------------------------
s, _ = phone("fake-deal")
app_bar(s, "왕대박특가몰", color=RED, back=False)
s.text(800, 260, "명품 가방 95% 할인!", 38, RED, bold=True)
s.text(800, 320, "정가 200만 원 → 9,900원", 32, INK, bold=True)
s.rect(580, 360, 440, 80, YELLOW, rx=12)
s.text(800, 400, "오늘만! 곧 끝나요!", 34, INK, bold=True)
s.text(800, 480, "계좌 입금만 됩니다", 32, RED, bold=True)
s.text(800, 530, "솔내은행 110-***-2045 (개인)", 26, INK)
s.button("pay", 580, 580, 440, 110, "입금하고 사기", fill=RED, size=38)
s.button("close", 580, 710, 440, 100, "닫기", fill=LIGHT, color=INK, size=38)
note(s, 1090, 160, 470, 160, "너무 싼 값", 46, fill=PINK, color=RED)
note(s, 1090, 350, 470, 160, "서두르게 하는 말", 42, fill=PINK, color=RED)
note(s, 1090, 540, 470, 160, "개인 계좌로 입금", 42, fill=PINK, color=RED)
note(s, 40, 350, 460, 200, "세 가지가 보이면\n가짜 가게입니다", 42)

s = Screen("fake-signs", bg=LIGHT)
s.text(800, 90, "이런 가게는 가짜일 수 있어요", 56, RED, bold=True)
SIGNS = [("값이 말도 안 되게 싸요", "시장값의 반도 안 되는 값"),
         ("계좌 입금만 받아요", "앱 밖에서 돈을 보내라고 해요"),
         ("판매자 정보가 없어요", "가게 이름·주소·전화가 없어요"),
         ("문자로 온 낯선 주소예요", "누르면 가짜 가게가 열려요")]
for i, (big, small) in enumerate(SIGNS):
    x = 70 + (i % 2) * 750
    y = 170 + (i // 2) * 340
    s.rect(x, y, 710, 300, PAPER, rx=30, stroke=RED, sw=5)
    icon_warning(s, x + 90, y + 150, 55)
    s.text(x + 410, y + 120, big, 42, INK, bold=True)
    s.text(x + 410, y + 200, small, 32, GREY)

s, _ = phone("fake-chat")
shop_bar(s, "판매자와 대화")
s.rect(580, 230, 400, 230, LIGHT, rx=24)
for i, ln in enumerate(["앱으로 결제하지 마시고", "제 계좌로 바로 보내 주시면", "3천 원 깎아 드릴게요.",
                        "솔내은행 110-***-2045"]):
    s.text(600, 280 + i * 48, ln, 29, INK, anchor="start")
s.text(600, 500, "판매자 · 오후 3:12", 24, GREY, anchor="start")
note(s, 1090, 260, 470, 260, "앱 밖에서\n돈을 보내면\n돌려받기 어렵습니다", 40, fill=PINK, color=RED)

# --- selling ------------------------------------------------------------------------------
s = Screen("produce-photos", bg=LIGHT)
# the poor photo: dark, cluttered, far away, tilted
s.rect(80, 120, 640, 520, "#3A3A3A", rx=20)
s.rect(120, 420, 560, 180, "#5A4A3A")
for i in range(6):
    s.rect(140 + i * 85, 330 + (i % 3) * 20, 60, 90, "#6B6B6B", rx=8)
for i in range(3):
    apple(s, 330 + i * 50, 470, 22, fill="#7A2A2A")
s.text(400, 720, "어둡고, 멀고, 어지러워요", 40, RED, bold=True)
s.text(400, 800, "왼쪽 사진", 44, INK, bold=True)
# the good photo: daylight, plain cloth, close, one apple cut open
s.rect(880, 120, 640, 520, "#FFF8E8", rx=20)
s.rect(880, 420, 640, 220, "#F1E3C6")
for i, (dx, dy) in enumerate([(-150, 0), (-40, -40), (70, 0), (-90, 90), (30, 90)]):
    apple(s, 1160 + dx, 360 + dy, 70)
half_apple(s, 1390, 470, 80)
s.text(1200, 720, "밝고, 가깝고, 깔끔해요", 40, GREEN, bold=True)
s.text(1200, 800, "오른쪽 사진", 44, INK, bold=True)

s, _ = phone("seller-home")
app_bar(s, "장터마당 판매자 센터", color=DARKBLUE, back=False)
s.text(800, 250, "솔내농원 · 판매자 김순자", 28, GREY)
s.button("add", 580, 290, 440, 130, "상품 올리기", fill=DARKBLUE, size=42)
s.button("orders", 580, 440, 210, 130, "주문 확인", fill=LIGHT, color=INK, size=34)
s.button("questions", 810, 440, 210, 130, "문의 답변", fill=LIGHT, color=INK, size=34)
s.circle(1000, 450, 24, RED)
s.text(1000, 450, "1", 28, PAPER, bold=True)
s.button("money", 580, 590, 440, 110, "판매 대금", fill=LIGHT, color=INK, size=34)
note(s, 1090, 250, 470, 230, "파는 사람은\n판매자 센터에서\n시작합니다", 40)


def seller_form(name, product):
    s, _ = phone(name)
    app_bar(s, "상품 올리기", color=DARKBLUE)
    s.rect(580, 215, 150, 150, "#FFF8E8", rx=12, stroke=LINE, sw=3)
    apple(s, 655, 295, 40)
    s.text(750, 270, "사진 3장", 30, INK, anchor="start", bold=True)
    s.text(750, 320, "밝은 곳에서 찍음", 26, GREY, anchor="start")
    rows = [("상품 이름", product or "눌러서 쓰세요"), ("무게", "5킬로그램 (15~18개)"),
            ("가격", "35,000원"), ("배송", "한걸음택배 · 배송비 포함")]
    for i, (label, value) in enumerate(rows):
        y = 380 + i * 92
        s.text(590, y + 22, label, 24, GREY, anchor="start")
        s.rect(580, y + 38, 440, 50, LIGHT if (product or i) else CREAM, rx=10,
               stroke=None if (product or i) else ORANGE, sw=0 if (product or i) else 3)
        s.text(598, y + 63, value, 27, INK if (product or i) else GREY, anchor="start", bold=True)
    return s


s = seller_form("seller-form", None)
note(s, 1090, 220, 470, 260, "이름 · 무게\n가격 · 배송을\n빠짐없이 쓰세요", 42)
note(s, 40, 260, 460, 200, "산 사람이 묻지\n않아도 알게", 42, fill=MINT)
s = seller_form("seller-form-filled", "햇사과 5킬로")
s.button("publish", 580, 750, 440, 70, "올리기", fill=DARKBLUE, size=36)
note(s, 1090, 220, 470, 200, "다 썼으면\n'올리기'", 44)

s, _ = phone("seller-question")
app_bar(s, "문의 답변", color=DARKBLUE)
s.rect(580, 220, 400, 150, LIGHT, rx=24)
s.text(600, 265, "산 사람 박영희 님", 24, GREY, anchor="start")
s.text(600, 305, "사과가 몇 개 들었나요?", 29, INK, anchor="start", bold=True)
s.text(600, 345, "선물로 보내도 될까요?", 29, INK, anchor="start", bold=True)
s.text(800, 405, "보낼 답을 고르세요", 28, GREY)
s.button("kind", 580, 440, 440, 130, "15~18개 들었습니다.", fill=SKY, color=INK, size=29,
         stroke=BLUE, sw=3, sub="선물 상자로 보내 드릴게요.", sub_size=29)
s.button("vague", 580, 590, 440, 90, "먹어 보면 압니다.", fill=LIGHT, color=INK, size=29,
         stroke=LINE, sw=3)
s.button("account", 580, 700, 440, 110, "제 계좌로 보내시면", fill=LIGHT, color=INK, size=29,
         stroke=LINE, sw=3, sub="싸게 드릴게요.", sub_size=29)
note(s, 1090, 250, 470, 230, "묻는 말에\n정확하고\n친절하게", 44)

s, _ = phone("seller-orders")
app_bar(s, "주문 확인", color=DARKBLUE)
s.rect(580, 220, 440, 320, PAPER, rx=18, stroke=LINE, sw=3)
s.text(600, 265, "새 주문 · 11월 26일", 28, GREEN, anchor="start", bold=True)
for i, t in enumerate(["햇사과 5킬로 1상자", "받는 분: 박영희", "서울시 솔빛구 꽃길 3",
                       "결제 완료 35,000원"]):
    s.text(600, 320 + i * 55, t, 29, INK, anchor="start", bold=i == 0)
s.button("label", 580, 570, 440, 110, "송장 출력", fill=DARKBLUE, size=40)
s.button("cancel", 580, 700, 440, 90, "주문 취소", fill=LIGHT, color=INK, size=32)
note(s, 1090, 250, 470, 230, "송장 = 상자에\n붙이는 배송\n주소표", 42)

s = Screen("parcel-label", bg=LIGHT)
s.rect(120, 100, 820, 700, PAPER, rx=12, stroke=INK, sw=4)
s.rect(120, 100, 820, 100, GREEN, rx=12)
s.rect(120, 170, 820, 30, GREEN)
s.text(530, 150, "한걸음택배 운송장", 46, PAPER, bold=True)
for i, (label, value) in enumerate([("받는 분", "박영희 010-2222-3333"),
                                    ("주소", "서울시 솔빛구 꽃길 3"),
                                    ("보내는 분", "솔내농원 김순자"),
                                    ("물건", "햇사과 5킬로 1상자 (깨지기 쉬움)")]):
    y = 260 + i * 95
    s.text(160, y, label, 32, GREY, anchor="start")
    s.text(360, y, value, 36, INK, anchor="start", bold=True)
for i in range(40):
    w = 6 if i % 3 else 12
    s.rect(200 + i * 16, 640, w, 110, INK)
box(s, 1250, 560, 220)
s.rect(1130, 440, 240, 130, PAPER, stroke=INK, sw=3)
s.rect(1130, 440, 240, 30, GREEN)
note(s, 1030, 120, 520, 200, "상자 윗면 잘 보이는\n곳에 붙이세요", 40)
